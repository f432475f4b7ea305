package history

import (
	"strings"

	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
)

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
// it makes): what a store of the histories outside this process
// (ClickHouse) is fed with. It is a history model of its own, in the key
// range it is given, whose fold also tells what it writes.
type Tracker struct {
	p    *Projection
	out  []Touch
	seen map[Touch]int // position joins of this event, to their index in out
	err  error
}

// NewTracker returns a tracker folding into m (emptied first: a tracker
// always folds from position 1).
func NewTracker(m *modelstore.Model) (*Tracker, error) {
	p, err := New(m)
	if err != nil {
		return nil, err
	}
	t := &Tracker{p: p, seen: map[Touch]int{}}
	p.track = t
	t.Reset()
	return t, t.err
}

// Reset empties the fold for a new pass from position 1.
func (t *Tracker) Reset() {
	t.p.Reset()
	t.err = t.p.err
}

// Err is the first failure of the tracker's store, after which it tells
// nothing more.
func (t *Tracker) Err() error { return t.err }

// Apply folds env and answers what it adds, each history joined once. The
// slice is reused by the next Apply.
func (t *Tracker) Apply(env *runner.Envelope) []Touch {
	t.out = t.out[:0]
	clear(t.seen)
	if t.err != nil {
		return nil
	}
	if err := t.p.Apply([]runner.Envelope{*env}); err != nil {
		t.err = err
		return nil
	}
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

// history tells the join of the history under prefix (a key of keys.go).
func (t *Tracker) history(prefix []byte) {
	parts := strings.Split(string(prefix), "\x00")
	switch parts[0] {
	case "e":
		t.join(Touch{Kind: KindEnterprise, USCC: parts[1]})
	case "p":
		t.join(Touch{Kind: KindProduct, GTIN: parts[1]})
	case "b":
		t.join(Touch{Kind: KindBatch, GTIN: parts[1], Lot: parts[2]})
	case "w":
		t.join(Touch{Kind: KindBatch, GTIN: parts[1], Lot: parts[2], Wide: true})
	}
}

// item tells the join of the history of the unit of b with this serial.
func (t *Tracker) item(b bkey, serial string) {
	t.join(Touch{Kind: KindItem, GTIN: b.GTIN, Lot: b.Lot, Serial: serial})
}

// holder tells a new holder of the product or batch under prefix (hp, hb).
func (t *Tracker) holder(prefix []byte, uscc string) {
	parts := strings.Split(string(prefix), "\x00")
	switch parts[0] {
	case "hp":
		t.out = append(t.out, Touch{Kind: KindProduct, GTIN: parts[1], Holder: uscc})
	case "hb":
		t.out = append(t.out, Touch{Kind: KindBatch, GTIN: parts[1], Lot: parts[2], Holder: uscc})
	}
}

// itemHolder tells that an event's move makes uscc a holder of the item.
func (t *Tracker) itemHolder(b bkey, serial, uscc string) {
	t.out = append(t.out, Touch{Kind: KindItem, GTIN: b.GTIN, Lot: b.Lot, Serial: serial, Holder: uscc})
}

func (t *Tracker) labelled(b bkey, serial string) {
	t.out = append(t.out, Touch{Kind: KindItem, GTIN: b.GTIN, Lot: b.Lot, Serial: serial, Labelled: true})
}
