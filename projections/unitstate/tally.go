package unitstate

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/holding"
)

// Tallies counts every holder's units, each unit once, where it is now: in
// transit counts at the sender until received, as batch.Tallies does, so the
// read side and the recall closure rule agree. Sorted by USCC; holders with
// nothing left to count are omitted.
func (b *Batch) Tallies(hs *Holders) []batch.Tally {
	var ts holding.Tallies
	for h, x := range b.Holdings {
		ts.Of(hs.USCC(h)).AddUnits(*x)
	}
	for k := range b.Moves {
		if m := &b.Moves[k]; m.Kind == KindShipped && !m.Received {
			ts.Of(hs.USCC(m.By)).InTransit += m.Quantity
		}
	}
	var last Holder
	var t *batch.Tally
	for i, st := range b.ItemState {
		if h := b.ItemHolder[i]; t == nil || h != last {
			t, last = ts.Of(hs.USCC(h)), h
		}
		t.AddItem(st)
	}
	return ts.List()
}

// Item finds a labelled unit by serial: its index, holder and state.
func (b *Batch) Item(serial string) (i int32, holder Holder, state batch.State, ok bool) {
	i, ok = b.Serials.Find(serial)
	if !ok {
		return 0, 0, 0, false
	}
	return i, b.ItemHolder[i], b.ItemState[i], true
}

// Path returns the moves that carried item i, in log order.
func (b *Batch) Path(i int32) []*Move {
	var out []*Move
	for k := range b.Moves {
		if m := &b.Moves[k]; m.Carries(i) {
			out = append(out, m)
		}
	}
	return out
}

// Involved reports whether h ever held units of the batch: it owned,
// labelled, sent, was sent, sold or returned some.
func (b *Batch) Involved(h Holder) bool {
	if _, ok := b.Holdings[h]; ok {
		return true
	}
	for k := range b.Moves {
		if m := &b.Moves[k]; m.By == h || (m.Kind == KindShipped && m.To == h) {
			return true
		}
	}
	return false
}
