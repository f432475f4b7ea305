// Package holding is the one statement of how a batch's units are held:
// which holder has how many unlabelled units in stock, sold, returned or
// destroyed, which state a labelled unit is in, and how the units count per
// holder ("each unit once, where it is now"). The batch aggregate folds its
// events with it, and so does the unit read model (projections/unitstate);
// the ClickHouse derived tables state the same rules in SQL and are checked
// against the embedded models by adapters/clickhouse/analytics' tests.
package holding

// State is where a labelled unit is now. Each unit has exactly one.
type State uint8

// The states a unit moves through.
const (
	InStock State = iota + 1
	InTransit
	Sold
	Returned
	Destroyed
	// Consumed: used up as an input of a transformation (raw milk made
	// into formula); the outputs are other batches.
	Consumed
)

// Units is one holder's unlabelled units of a batch and the tallies of what
// happened to its units. Its JSON is the read models' snapshot form.
type Units struct {
	Stock     int64 `json:"stock,omitempty"`     // unlabelled units in stock
	Sold      int64 `json:"sold,omitempty"`      // unlabelled units sold, not returned since
	Returned  int64 `json:"returned,omitempty"`  // units returned to the holder
	Destroyed int64 `json:"destroyed,omitempty"` // units destroyed by the holder
	Consumed  int64 `json:"consumed,omitempty"`  // units the holder used up in transformations
}

// Consume takes quantity unlabelled units out of the holder's stock as the
// input of a transformation; its labelled items go Consumed.
func (u *Units) Consume(quantity int64) {
	u.Stock -= quantity
	u.Consumed += quantity
}

// Register gives the owner the batch's quantity.
func (u *Units) Register(quantity int64) { u.Stock = quantity }

// Label turns n unlabelled units of the holder into labelled items, each
// InStock at the holder.
func (u *Units) Label(n int64) { u.Stock -= n }

// Ship takes quantity unlabelled units out of the sender's stock; its
// labelled items go InTransit, still counted at the sender until received.
func (u *Units) Ship(quantity int64) { u.Stock -= quantity }

// Receive adds a shipment's unlabelled units to the receiver's stock; its
// labelled items become the receiver's, InStock.
func (u *Units) Receive(quantity int64) { u.Stock += quantity }

// Sell moves quantity unlabelled units from the seller's stock to sold;
// its labelled items go Sold.
func (u *Units) Sell(quantity int64) {
	u.Stock -= quantity
	u.Sold += quantity
}

// Return accounts for quantity unlabelled units returned (or destroyed) by
// the holder: they come out of its stock first, and the rest out of what it
// sold (units consumers brought back). It returns the state the return's
// labelled items move to. Stock below zero (which the batch aggregate never
// allows, but a read model folding a foreign log may see) gives nothing.
func (u *Units) Return(quantity int64, destroyed bool) State {
	fromStock := min(quantity, max(u.Stock, 0))
	u.Stock -= fromStock
	u.Sold -= quantity - fromStock
	if destroyed {
		u.Destroyed += quantity
		return Destroyed
	}
	u.Returned += quantity
	return Returned
}
