package demo

import (
	"container/heap"
	"math/rand/v2"
	"time"
)

// sim plays one group's trade forward in time: it keeps what every holder
// has of each lot, runs the planned happenings (arrivals, dispatches, sales,
// inspections) in time order, and writes the commands they make into the
// group's chain. Because every command is written when its moment comes and
// takes only what the holder has then, the chain is one the ledger accepts
// when run in order, and each unit's path moves forward in time.
type sim struct {
	p       *plan
	g       *group
	r       *rand.Rand
	holders map[*firm]*holding
	order   []*holding // holders in the order they first held goods
	agenda  agenda
	seq     int
	// until is the last moment goods are dispatched; recalled groups stop
	// earlier, so every dispatch arrives before the recall.
	until     time.Time
	noTransit bool // every shipment is received (a recall that closes)
	transit   []*ship
	down      map[*firm][]*firm // whom each distributor supplies
	// clock is the time of the last command written. Commands written at
	// the same moment are a few minutes apart (a dispatch split in two
	// parcels), so later ones move up to it: along the chain, and so along
	// every stream, time never runs backwards.
	clock time.Time
	// fromDistributor marks sellers supplied by a distributor, not the owner.
	fromDistributor map[*firm]bool
	wrand           *rand.Rand // draws the withdrawals (withdrawals.go)
}

// pile is what a holder has of one lot: labelled items (indices into the
// lot's codes) in the order they arrived, and unlabelled units.
type pile struct {
	items []int
	qty   int64
}

func (p *pile) units() int64 { return int64(len(p.items)) + p.qty }

// holding is one enterprise's goods of the group, a pile per lot.
type holding struct {
	f     *firm
	stock []pile // in stock, by lot index
	sold  []pile // sold to consumers and not returned
	off   []bool // by lot index: stopped from sale and shipment here (withdrawals.go)
}

func (h *holding) units() int64 {
	var n int64
	for i := range h.stock {
		n += h.stock[i].units()
	}
	return n
}

// holder returns the firm's holding, making it on first use.
func (s *sim) holder(f *firm) *holding {
	if h, ok := s.holders[f]; ok {
		return h
	}
	h := &holding{f: f, stock: make([]pile, len(s.g.lots)), sold: make([]pile, len(s.g.lots)), off: make([]bool, len(s.g.lots))}
	s.holders[f] = h
	s.order = append(s.order, h)
	return h
}

// emit appends a command to the group's chain.
func (s *sim) emit(st step) { s.g.steps = append(s.g.steps, st) }

// tick returns the time to write a command planned for t: t, or the clock
// if that is later.
func (s *sim) tick(t time.Time) time.Time {
	if t.Before(s.clock) {
		t = s.clock
	}
	s.clock = t
	return t
}

// at schedules fn for moment t.
func (s *sim) at(t time.Time, fn func(time.Time)) {
	s.seq++
	heap.Push(&s.agenda, happening{t: t, seq: s.seq, fn: fn})
}

// run plays the agenda to its end.
func (s *sim) run() {
	for s.agenda.Len() > 0 {
		h := heap.Pop(&s.agenda).(happening)
		h.fn(h.t)
	}
}

// happening is one planned moment of the simulation.
type happening struct {
	t   time.Time
	seq int
	fn  func(time.Time)
}

// agenda is a min-heap of happenings by time, then by when they were
// planned, so equal times keep a stable, seed-determined order.
type agenda []happening

func (a agenda) Len() int { return len(a) }
func (a agenda) Less(i, j int) bool {
	if !a[i].t.Equal(a[j].t) {
		return a[i].t.Before(a[j].t)
	}
	return a[i].seq < a[j].seq
}
func (a agenda) Swap(i, j int) { a[i], a[j] = a[j], a[i] }
func (a *agenda) Push(x any)   { *a = append(*a, x.(happening)) }
func (a *agenda) Pop() any {
	old := *a
	x := old[len(old)-1]
	*a = old[:len(old)-1]
	return x
}

// take moves up to n items (oldest first) and up to q units out of a pile
// and returns them.
func take(from *pile, n int, q int64) pile {
	n = min(n, len(from.items))
	q = min(q, from.qty)
	out := pile{items: append([]int(nil), from.items[:n]...), qty: q}
	from.items = from.items[n:]
	from.qty -= q
	return out
}

// share returns how many items and units make fraction f of a pile.
func share(p pile, f float64) (int, int64) {
	return int(float64(len(p.items))*f + 0.5), int64(float64(p.qty)*f + 0.5)
}
