package trace

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/holding"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// tallyRec is one holder's part of a batch: its unlabelled units
// (domain/holding's fold), the unlabelled units it sent that are still on
// their way (they count at the sender until received), and its labelled
// items by state. Its tally is the sum, as batch.Tallies counts.
type tallyRec struct {
	units   holding.Units
	transit int64
	items   [6]int64 // by state: holding.InStock .. holding.Consumed
}

func (r *tallyRec) tally(uscc string) batch.Tally {
	t := batch.Tally{USCC: uscc}
	t.AddUnits(r.units)
	t.InTransit += r.transit
	t.InStock += r.items[holding.InStock-1]
	t.InTransit += r.items[holding.InTransit-1]
	t.Sold += r.items[holding.Sold-1]
	t.Returned += r.items[holding.Returned-1]
	t.Destroyed += r.items[holding.Destroyed-1]
	t.Consumed += r.items[holding.Consumed-1]
	return t
}

// held reports whether the holder has units of the batch in stock or on
// their way now.
func (r *tallyRec) held() bool { t := r.tally(""); return t.InStock+t.InTransit > 0 }

func (r *tallyRec) add(st batch.State, n int64) {
	if st >= holding.InStock && st <= holding.Consumed {
		r.items[st-1] += n
	}
}

func (r *tallyRec) encode() []byte {
	e := enc{b: make([]byte, 0, 16)}
	u := r.units
	for _, v := range []int64{u.Stock, u.Sold, u.Returned, u.Destroyed, u.Consumed, r.transit} {
		e.int(v)
	}
	for _, v := range r.items {
		e.int(v)
	}
	return e.b
}

func decodeTally(b []byte) (tallyRec, bool) {
	d := dec{b: b}
	var r tallyRec
	r.units = holding.Units{Stock: d.int(), Sold: d.int(), Returned: d.int(), Destroyed: d.int(), Consumed: d.int()}
	r.transit = d.int()
	for i := range r.items {
		r.items[i] = d.int()
	}
	return r, d.done()
}

// move is one event that moved units of a batch (unitstate.Move without
// its items: a move knows how many it carried, each item which moves
// carried it).
type move struct {
	Kind       unitstate.Kind
	At         int64
	By, To     holder
	Quantity   int64
	Items      int64
	Ref        string
	Waybill    string
	Received   bool
	ReceivedAt int64
}

// Units is how many units the move carried.
func (m *move) Units() int64 { return m.Quantity + m.Items }

func (m *move) encode() []byte {
	e := enc{b: make([]byte, 0, 32)}
	e.uint(uint64(m.Kind))
	e.int(m.At)
	e.uint(uint64(m.By))
	e.uint(uint64(m.To))
	e.int(m.Quantity)
	e.int(m.Items)
	e.str(m.Ref)
	e.str(m.Waybill)
	if m.Received {
		e.uint(1)
		e.int(m.ReceivedAt)
	} else {
		e.uint(0)
	}
	return e.b
}

func decodeMove(b []byte) (move, bool) {
	d := dec{b: b}
	m := move{Kind: unitstate.Kind(d.uint()), At: d.int(), By: holder(d.uint()), To: holder(d.uint()), Quantity: d.int(), Items: d.int(),
		Ref: d.str(), Waybill: d.str()}
	if d.uint() == 1 {
		m.Received, m.ReceivedAt = true, d.int()
	}
	return m, d.done()
}

// itemRec is a labelled item: who holds it, its state, the container it is
// packed in now, and the moves that carried it in log order (with, for a
// shipment, the container it travelled in).
type itemRec struct {
	holder    holder
	state     batch.State
	container string
	moves     []itemMove
}

type itemMove struct {
	seq    uint32
	packed string
}

func (r *itemRec) carriedBy(seq uint32, packed string) {
	if n := len(r.moves); n > 0 && r.moves[n-1].seq == seq {
		return // a serial named twice in one event: the move carried it once
	}
	r.moves = append(r.moves, itemMove{seq: seq, packed: packed})
}

func (r *itemRec) encode() []byte {
	e := enc{b: make([]byte, 0, 8+len(r.container)+3*len(r.moves))}
	e.uint(uint64(r.holder))
	e.uint(uint64(r.state))
	e.str(r.container)
	e.uint(uint64(len(r.moves)))
	for _, m := range r.moves {
		e.uint(uint64(m.seq))
		e.str(m.packed)
	}
	return e.b
}

func decodeItem(b []byte) (*itemRec, bool) {
	d := dec{b: b}
	r := &itemRec{holder: holder(d.uint()), state: batch.State(d.uint()), container: d.str()}
	n := d.uint()
	if d.err != nil || n > uint64(len(b)) {
		return nil, false
	}
	r.moves = make([]itemMove, n)
	for i := range r.moves {
		r.moves[i] = itemMove{seq: uint32(d.uint()), packed: d.str()}
	}
	return r, d.done()
}

// encodeSerials and decodeSerials store a shipment's items, read when it
// is received.
func encodeSerials(ss []string) []byte {
	e := enc{}
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
	return e.b
}

func decodeSerials(b []byte) ([]string, bool) {
	d := dec{b: b}
	n := d.uint()
	if d.err != nil || n > uint64(len(b)) {
		return nil, false
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out, d.done()
}
