package batch

import (
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/holding"
	"github.com/traceledger/traceledger/domain/ident"
)

// State is where a unit is now (holding.State). Each unit has exactly one.
type State = holding.State

// The states a unit moves through.
const (
	StateInStock   = holding.InStock
	StateInTransit = holding.InTransit
	StateSold      = holding.Sold
	StateReturned  = holding.Returned
	StateDestroyed = holding.Destroyed
	StateConsumed  = holding.Consumed
)

// item is a labelled unit.
type item struct {
	holder string
	state  State
	off    offSale // withdrawn or disposed of while InStock at its holder
	// container is the SSCC of the case or pallet the item is packed in.
	container string
}

// transit is a shipment's part of this batch on its way.
type transit struct {
	from, to string
	units    Units
	received bool
}

// Batch is a GTIN + lot and where each of its units is.
type Batch struct {
	aggregate.Root
	reg      Registered
	gtin     ident.GTIN
	released bool
	rejected bool
	recalls  map[string]int // recall id -> level
	items    map[string]*item
	units    map[string]*holding.Units
	transits map[string]*transit
	labelled int64
	// Withdrawal from sale: units withdrawn and not yet disposed of stay in
	// the holder's holding.Units stock (they are still there, off sale) and
	// are kept apart here; a disposal takes them out of the stock
	// (Disposed.AsReturn).
	off         map[string]*offUnits // holder -> unlabelled units off sale
	inspections map[string]string    // holder -> result of its last market inspection
	orders      map[string]*order    // withdrawal order id -> order
	outputs     []Ref                // batches made of this one's units
}

// Stream is the batch's stream name. The GTIN has a fixed width, so the name
// is unambiguous whatever the lot holds.
func Stream(g ident.GTIN, l ident.Lot) string { return StreamOf(g.String(), l.String()) }

// StreamOf is Stream for a GTIN-14 and lot already validated, as events
// carry them.
func StreamOf(gtin14, lot string) string { return "batch-" + gtin14 + "-" + lot }

// Decoders decode the stored events of this aggregate, for its fold and for
// projections.
var Decoders = aggregate.Decoders{
	TypeRegistered: aggregate.As[Registered](),
	TypeLabelled:   aggregate.As[Labelled](),
	TypeCleared:    aggregate.As[Cleared](),
	TypeShipped:    aggregate.As[Shipped](),
	TypeReceived:   aggregate.As[Received](),
	TypeSold:       aggregate.As[Sold](),
	TypeRecalled:   aggregate.As[Recalled](),
	TypeReturned:   aggregate.As[Returned](),
	TypeInspected:  aggregate.As[Inspected](),

	TypeWithdrawalOrdered: aggregate.As[WithdrawalOrdered](),
	TypeWithdrawn:         aggregate.As[Withdrawn](),
	TypeDisposed:          aggregate.As[Disposed](),

	TypePacked:   aggregate.As[Packed](),
	TypeUnpacked: aggregate.As[Unpacked](),
	TypeConsumed: aggregate.As[Consumed](),
}

// Load rebuilds a batch from its stream.
func Load(recs []event.Record) (*Batch, error) {
	b := &Batch{recalls: map[string]int{}, items: map[string]*item{}, units: map[string]*holding.Units{}, transits: map[string]*transit{},
		off: map[string]*offUnits{}, inspections: map[string]string{}, orders: map[string]*order{}}
	return b, aggregate.Replay("batch", recs, Decoders, &b.Root, b.apply)
}

// held is a copy of the holder's unlabelled units, for the decision
// methods to read (zero for a holder with none).
func (b *Batch) held(uscc string) holding.Units {
	if u := b.units[uscc]; u != nil {
		return *u
	}
	return holding.Units{}
}

// unitsOf is the holder's unlabelled units, made on first use, for the fold.
func (b *Batch) unitsOf(uscc string) *holding.Units {
	u := b.units[uscc]
	if u == nil {
		u = &holding.Units{}
		b.units[uscc] = u
	}
	return u
}

// returned takes a return's (or a disposal's, Disposed.AsReturn) units out
// of the holder's stock first, then out of what it sold (holding.Units).
func (b *Batch) returned(ev Returned) {
	state := b.unitsOf(ev.HolderUSCC).Return(ev.Quantity, ev.Disposition == DispositionDestroyed)
	for _, s := range ev.Serials {
		b.items[s].state, b.items[s].off = state, onSale
	}
	b.returnedOffSale(ev.HolderUSCC)
}

// apply folds one event. The units' rules are package holding's; apply
// only says which holder and which items an event concerns.
func (b *Batch) apply(ev event.Event) {
	switch ev := ev.(type) {
	case Registered:
		b.reg = ev
		b.gtin, _ = ident.ParseGTIN(ev.GTIN)
		b.unitsOf(ev.OwnerUSCC).Register(ev.Quantity)
	case Labelled:
		b.unitsOf(ev.OwnerUSCC).Label(int64(len(ev.Serials)))
		for _, s := range ev.Serials {
			b.items[s] = &item{holder: ev.OwnerUSCC, state: StateInStock}
		}
		b.labelled += int64(len(ev.Serials))
	case Cleared:
		if ev.Decision == DecisionReleased {
			b.released = true
		} else {
			b.rejected = true
		}
	case Shipped:
		b.unitsOf(ev.FromUSCC).Ship(ev.Quantity)
		for _, s := range ev.Serials {
			b.items[s].state = StateInTransit
		}
		b.transits[ev.ShipmentID] = &transit{from: ev.FromUSCC, to: ev.ToUSCC, units: ev.Units}
	case Received:
		t := b.transits[ev.ShipmentID]
		t.received = true
		b.unitsOf(t.to).Receive(t.units.Quantity)
		for _, s := range t.units.Serials {
			b.items[s].holder, b.items[s].state = t.to, StateInStock
		}
	case Sold:
		b.unitsOf(ev.SellerUSCC).Sell(ev.Quantity)
		for _, s := range ev.Serials {
			b.items[s].state = StateSold
		}
	case Recalled:
		b.recalls[ev.RecallID] = ev.Level
	case Returned:
		b.returned(ev)
	case Inspected:
		b.inspections[ev.EnterpriseUSCC] = ev.Result
	case Packed, Unpacked, Consumed:
		b.applyPacking(ev)
	default:
		b.applyWithdrawal(ev)
	}
}
