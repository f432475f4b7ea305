package batch

import (
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// State is where a unit is now. Each unit has exactly one.
type State uint8

// The states a unit moves through.
const (
	StateInStock State = iota + 1
	StateInTransit
	StateSold
	StateReturned
	StateDestroyed
)

// item is a labelled unit.
type item struct {
	holder string
	state  State
}

// holding is one enterprise's unlabelled units and the tallies of what
// happened to its units.
type holding struct {
	stock     int64 // unlabelled units in stock
	sold      int64 // unlabelled units sold, not returned since
	returned  int64
	destroyed int64
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
	holdings map[string]*holding
	transits map[string]*transit
	labelled int64
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
}

// Load rebuilds a batch from its stream.
func Load(recs []event.Record) (*Batch, error) {
	b := &Batch{recalls: map[string]int{}, items: map[string]*item{}, holdings: map[string]*holding{}, transits: map[string]*transit{}}
	return b, aggregate.Replay("batch", recs, Decoders, &b.Root, b.apply)
}

func (b *Batch) holding(uscc string) *holding {
	h := b.holdings[uscc]
	if h == nil {
		h = &holding{}
		b.holdings[uscc] = h
	}
	return h
}

func (b *Batch) apply(ev event.Event) {
	switch ev := ev.(type) {
	case Registered:
		b.reg = ev
		b.gtin, _ = ident.ParseGTIN(ev.GTIN)
		b.holding(ev.OwnerUSCC).stock = ev.Quantity
	case Labelled:
		b.holding(ev.OwnerUSCC).stock -= int64(len(ev.Serials))
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
		b.holding(ev.FromUSCC).stock -= ev.Quantity
		for _, s := range ev.Serials {
			b.items[s].state = StateInTransit
		}
		b.transits[ev.ShipmentID] = &transit{from: ev.FromUSCC, to: ev.ToUSCC, units: ev.Units}
	case Received:
		t := b.transits[ev.ShipmentID]
		t.received = true
		b.holding(t.to).stock += t.units.Quantity
		for _, s := range t.units.Serials {
			b.items[s].holder, b.items[s].state = t.to, StateInStock
		}
	case Sold:
		h := b.holding(ev.SellerUSCC)
		h.stock -= ev.Quantity
		h.sold += ev.Quantity
		for _, s := range ev.Serials {
			b.items[s].state = StateSold
		}
	case Recalled:
		b.recalls[ev.RecallID] = ev.Level
	case Returned:
		h := b.holding(ev.HolderUSCC)
		fromStock := min(ev.Quantity, h.stock)
		h.stock -= fromStock
		h.sold -= ev.Quantity - fromStock
		state := StateReturned
		if ev.Disposition == DispositionDestroyed {
			state = StateDestroyed
			h.destroyed += ev.Quantity
		} else {
			h.returned += ev.Quantity
		}
		for _, s := range ev.Serials {
			b.items[s].state = state
		}
	case Inspected:
	}
}
