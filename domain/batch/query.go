package batch

import "github.com/traceledger/traceledger/domain/holding"

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

// Tally counts one holder's units by state (holding.Tally).
type Tally = holding.Tally

// Tallies counts every holder's units, each unit once, where it is now (in
// transit counts at the sender until received). Sorted by USCC.
func (b *Batch) Tallies() []Tally {
	var ts holding.Tallies
	for u, x := range b.units {
		ts.Of(u).AddUnits(*x)
	}
	for _, tr := range b.transits {
		if !tr.received {
			ts.Of(tr.from).InTransit += tr.units.Quantity
		}
	}
	for _, it := range b.items {
		ts.Of(it.holder).AddItem(it.state)
	}
	return ts.List()
}
