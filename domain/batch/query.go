package batch

import "sort"

// Registered reports whether the batch exists.
func (b *Batch) Registered() bool { return b.reg.GTIN != "" }

// Owner is the enterprise that produced or imported the batch.
func (b *Batch) Owner() string { return b.reg.OwnerUSCC }

// Imported reports whether the batch comes from outside CN and so needs
// customs release before it is shipped or sold.
func (b *Batch) Imported() bool { return b.reg.Imported }

// Released reports whether customs released the batch.
func (b *Batch) Released() bool { return b.released }

// Cleared reports whether customs already released or rejected the batch.
func (b *Batch) Cleared() bool { return b.released || b.rejected }

// Recalled reports whether any recall names the batch.
func (b *Batch) Recalled() bool { return len(b.recalls) > 0 }

// InRecall reports whether the given recall names the batch.
func (b *Batch) InRecall(recallID string) bool { _, ok := b.recalls[recallID]; return ok }

// ExpiresOn is the batch's expiry date (YYYY-MM-DD).
func (b *Batch) ExpiresOn() string { return b.reg.ExpiresOn }

// ItemHolder returns the holder and state of a labelled unit.
func (b *Batch) ItemHolder(serial string) (holder string, state State, ok bool) {
	it, ok := b.items[serial]
	if !ok {
		return "", 0, false
	}
	return it.holder, it.state, true
}

// Tally counts one holder's units by state.
type Tally struct {
	USCC                                          string
	InStock, InTransit, Sold, Returned, Destroyed int64
}

// Outstanding is what a recall still has to account for: units in stock or
// on their way.
func (t Tally) Outstanding() int64 { return t.InStock + t.InTransit }

// Tallies counts every holder's units, each unit once, where it is now (in
// transit counts at the sender until received). Sorted by USCC.
func (b *Batch) Tallies() []Tally {
	by := map[string]*Tally{}
	get := func(u string) *Tally {
		if by[u] == nil {
			by[u] = &Tally{USCC: u}
		}
		return by[u]
	}
	for u, h := range b.holdings {
		t := get(u)
		t.InStock += h.stock
		t.Sold += h.sold
		t.Returned += h.returned
		t.Destroyed += h.destroyed
	}
	for _, tr := range b.transits {
		if !tr.received {
			get(tr.from).InTransit += tr.units.Quantity
		}
	}
	for _, it := range b.items {
		t := get(it.holder)
		switch it.state {
		case StateInStock:
			t.InStock++
		case StateInTransit:
			t.InTransit++
		case StateSold:
			t.Sold++
		case StateReturned:
			t.Returned++
		case StateDestroyed:
			t.Destroyed++
		}
	}
	out := make([]Tally, 0, len(by))
	for _, t := range by {
		if *t != (Tally{USCC: t.USCC}) {
			out = append(out, *t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].USCC < out[j].USCC })
	return out
}
