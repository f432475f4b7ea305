package history

import "github.com/traceledger/traceledger/projections/runner"

// Kind is what a history is kept for.
type Kind uint8

// The kinds of key a history is kept for.
const (
	KindEnterprise Kind = iota + 1
	KindProduct
	KindBatch
	KindItem
)

// Touch is one thing an event adds to the histories, as this model's fold
// decides it: the event joins the history of a key (Holder and Labelled
// unset), Holder becomes one of the key's holders, or (Labelled) the event
// labels the item.
type Touch struct {
	Kind Kind
	// GTIN names a product; with Lot a batch; with Serial an item. USCC
	// names an enterprise.
	GTIN, Lot, Serial, USCC string
	// Wide: the event concerns every unit of the batch, so it is in its
	// items' histories too.
	Wide     bool
	Holder   string
	Labelled bool
}

// Tracker folds the log by the very rules of the model and says, event by
// event, what each adds (which histories it joins, which holders and items
// it makes), without keeping the position lists: what a store of the
// histories outside this process (ClickHouse) is fed with.
type Tracker struct {
	s    *state
	out  []Touch
	seen map[Touch]int // position joins of this event, to their index in out
}

// NewTracker returns a tracker with an empty fold.
func NewTracker() *Tracker {
	t := &Tracker{seen: map[Touch]int{}}
	t.Reset()
	return t
}

// Reset empties the fold for a new pass from position 1.
func (t *Tracker) Reset() {
	t.s = newState()
	t.s.track = t
}

// Apply folds env and answers what it adds, each history joined once. The
// slice is reused by the next Apply.
func (t *Tracker) Apply(env *runner.Envelope) []Touch {
	t.out = t.out[:0]
	clear(t.seen)
	t.s.apply(env)
	return t.out
}

// join adds a position join once per key; a batch joined wide once is wide.
func (t *Tracker) join(x Touch) {
	wide := x.Wide
	x.Wide = false
	if i, ok := t.seen[x]; ok {
		t.out[i].Wide = t.out[i].Wide || wide
		return
	}
	t.seen[x] = len(t.out)
	x.Wide = wide
	t.out = append(t.out, x)
}

func (t *Tracker) enterprise(uscc string) { t.join(Touch{Kind: KindEnterprise, USCC: uscc}) }

func (t *Tracker) batch(b *batchRec, wide bool) {
	t.join(Touch{Kind: KindBatch, GTIN: b.GTIN, Lot: b.Lot, Wide: wide})
}

func (t *Tracker) labelled(b *batchRec, serial string) {
	t.out = append(t.out, Touch{Kind: KindItem, GTIN: b.GTIN, Lot: b.Lot, Serial: serial, Labelled: true})
}

func (t *Tracker) holder(x Touch) { t.out = append(t.out, x) }

// The model's additions, each either kept (the model) or told (a tracker).

func (s *state) productPos(p *productRec, pos uint64) {
	if s.track != nil {
		s.track.join(Touch{Kind: KindProduct, GTIN: p.GTIN})
		return
	}
	p.Positions = appendPos(p.Positions, pos)
}

func (s *state) batchPos(b uint32, pos uint64) {
	br := s.batches[b]
	if s.track != nil {
		s.track.batch(br, false)
		return
	}
	br.Positions = appendPos(br.Positions, pos)
}

func (s *state) itemPos(i uint32, pos uint64) {
	it := &s.items[i]
	if s.track != nil {
		b := s.batches[it.Batch]
		s.track.join(Touch{Kind: KindItem, GTIN: b.GTIN, Lot: b.Lot, Serial: it.Serial})
		return
	}
	it.Positions = appendPos(it.Positions, pos)
}

// The holder sets are kept in both: a tracker tells only a new holder.

func (s *state) productHolder(p *productRec, e uint32) {
	n := len(p.Holders)
	p.Holders = addHolder(p.Holders, e)
	if s.track != nil && len(p.Holders) > n {
		s.track.holder(Touch{Kind: KindProduct, GTIN: p.GTIN, Holder: s.ents[e].USCC})
	}
}

func (s *state) batchHolder(br *batchRec, e uint32) {
	n := len(br.Holders)
	br.Holders = addHolder(br.Holders, e)
	if s.track != nil && len(br.Holders) > n {
		s.track.holder(Touch{Kind: KindBatch, GTIN: br.GTIN, Lot: br.Lot, Holder: s.ents[e].USCC})
	}
}

func (s *state) itemHolder(i uint32, e uint32) {
	it := &s.items[i]
	n := len(it.Holders)
	it.Holders = addHolder(it.Holders, e)
	if s.track != nil && len(it.Holders) > n {
		b := s.batches[it.Batch]
		s.track.holder(Touch{Kind: KindItem, GTIN: b.GTIN, Lot: b.Lot, Serial: it.Serial, Holder: s.ents[e].USCC})
	}
}
