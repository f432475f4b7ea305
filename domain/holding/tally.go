package holding

import (
	"slices"
	"strings"
)

// Tally counts one holder's units by state.
type Tally struct {
	USCC                                          string
	InStock, InTransit, Sold, Returned, Destroyed int64
	// Consumed units were used up in transformations: no longer goods of
	// this batch, their outputs are other batches.
	Consumed int64
}

// Outstanding is what a recall still has to account for: units in stock or
// on their way.
func (t Tally) Outstanding() int64 { return t.InStock + t.InTransit }

// AddUnits counts a holder's unlabelled units.
func (t *Tally) AddUnits(u Units) {
	t.InStock += u.Stock
	t.Sold += u.Sold
	t.Returned += u.Returned
	t.Destroyed += u.Destroyed
	t.Consumed += u.Consumed
}

// AddItem counts one labelled item in state s.
func (t *Tally) AddItem(s State) {
	switch s {
	case InStock:
		t.InStock++
	case InTransit:
		t.InTransit++
	case Sold:
		t.Sold++
	case Returned:
		t.Returned++
	case Destroyed:
		t.Destroyed++
	case Consumed:
		t.Consumed++
	}
}

// Tallies gathers every holder's tally of one batch: the unlabelled units
// (AddUnits), the unlabelled units of shipments not yet received, at the
// sender (InTransit), and every labelled item where it is now (AddItem).
type Tallies struct{ by map[string]*Tally }

// Of is the tally of the holder with this USCC, made on first use.
func (ts *Tallies) Of(uscc string) *Tally {
	if ts.by == nil {
		ts.by = map[string]*Tally{}
	}
	t := ts.by[uscc]
	if t == nil {
		t = &Tally{USCC: uscc}
		ts.by[uscc] = t
	}
	return t
}

// List returns the tallies sorted by USCC, without holders that have
// nothing to count.
func (ts *Tallies) List() []Tally {
	out := make([]Tally, 0, len(ts.by))
	for _, t := range ts.by {
		if *t != (Tally{USCC: t.USCC}) {
			out = append(out, *t)
		}
	}
	slices.SortFunc(out, func(a, b Tally) int { return strings.Compare(a.USCC, b.USCC) })
	return out
}
