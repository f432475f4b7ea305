package unitstate

import (
	"slices"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/holding"
)

// Holding is one enterprise's unlabelled units of a batch and the tallies of
// what happened to them: domain/holding's Units, which the batch aggregate
// folds too.
type Holding = holding.Units

// Batch is where every unit of one batch is now and how it got there. Its
// exported fields are its snapshot; the indexes are rebuilt by Reindex.
type Batch struct {
	Holdings map[Holder]*Holding `json:"holdings"`
	// Serials, ItemHolder and ItemState describe the labelled items, in
	// labelling order: item i is Serials.At(i), held by ItemHolder[i].
	Serials    Serials       `json:"serials,omitzero"`
	ItemHolder []Holder      `json:"item_holder,omitempty"`
	ItemState  []batch.State `json:"item_state,omitempty"`
	Moves      []Move        `json:"moves,omitempty"`
	// Container is the case or pallet (SSCC) each packed item is in now.
	Container map[int32]string `json:"container,omitempty"`

	shipment map[string]int32
}

// NewBatch returns a batch with no units.
func NewBatch() *Batch {
	return &Batch{Holdings: map[Holder]*Holding{}, shipment: map[string]int32{}}
}

// Reindex rebuilds the shipment index after a restore (Serials rebuild
// their own).
func (b *Batch) Reindex() {
	if b.Holdings == nil {
		b.Holdings = map[Holder]*Holding{}
	}
	b.shipment = map[string]int32{}
	for i := range b.Moves {
		if b.Moves[i].Kind == KindShipped {
			b.shipment[b.Moves[i].Ref] = int32(i)
		}
	}
}

func (b *Batch) holding(h Holder) *Holding {
	x := b.Holdings[h]
	if x == nil {
		x = &Holding{}
		b.Holdings[h] = x
	}
	return x
}

// items maps serials to item indexes, skipping serials the batch does not
// know (the domain never emits them; a fold must not fail on them).
func (b *Batch) items(serials []string) []int32 {
	if len(serials) == 0 {
		return nil
	}
	out := make([]int32, 0, len(serials))
	for _, s := range serials {
		if i, ok := b.Serials.Find(s); ok {
			out = append(out, i)
		}
	}
	return out
}

// Apply folds one batch event, occurred at at (Unix nanoseconds), with
// domain/holding's rules, as domain/batch's apply does. It reports whether the event concerned units.
func (b *Batch) Apply(ev event.Event, at int64, hs *Holders) bool {
	switch ev := ev.(type) {
	case batch.Registered:
		b.holding(hs.ID(ev.OwnerUSCC)).Register(ev.Quantity)
	case batch.Labelled:
		owner := hs.ID(ev.OwnerUSCC)
		b.holding(owner).Label(int64(len(ev.Serials)))
		idx := make([]int32, len(ev.Serials))
		for k, s := range ev.Serials {
			i, ok := b.Serials.Find(s)
			if !ok {
				i = b.Serials.Add(s)
				b.ItemHolder = append(b.ItemHolder, owner)
				b.ItemState = append(b.ItemState, batch.StateInStock)
			}
			b.ItemHolder[i], b.ItemState[i] = owner, batch.StateInStock
			idx[k] = i
		}
		b.Moves = append(b.Moves, Move{Kind: KindLabelled, At: at, By: owner, Items: idx})
	case batch.Shipped:
		from := hs.ID(ev.FromUSCC)
		b.holding(from).Ship(ev.Quantity)
		idx := b.items(ev.Serials)
		for _, i := range idx {
			b.ItemState[i] = batch.StateInTransit
		}
		b.shipment[ev.ShipmentID] = int32(len(b.Moves))
		b.Moves = append(b.Moves, Move{Kind: KindShipped, At: at, By: from, To: hs.ID(ev.ToUSCC),
			Quantity: ev.Quantity, Items: idx, Ref: ev.ShipmentID, Waybill: ev.Waybill, Packed: b.packed(idx)})
	case batch.Received:
		k, ok := b.shipment[ev.ShipmentID]
		if !ok {
			return false
		}
		m := &b.Moves[k]
		m.Received, m.ReceivedAt = true, at
		b.holding(m.To).Receive(m.Quantity)
		for _, i := range m.Items {
			b.ItemHolder[i], b.ItemState[i] = m.To, batch.StateInStock
		}
	case batch.Sold:
		seller := hs.ID(ev.SellerUSCC)
		b.holding(seller).Sell(ev.Quantity)
		idx := b.items(ev.Serials)
		for _, i := range idx {
			b.ItemState[i] = batch.StateSold
		}
		b.Moves = append(b.Moves, Move{Kind: KindSold, At: at, By: seller, Quantity: ev.Quantity, Items: idx, Ref: ev.Channel})
	case batch.Returned:
		b.applyReturn(ev, at, hs)
	case batch.Disposed:
		b.applyReturn(ev.AsReturn(), at, hs)
	case batch.Packed:
		if b.Container == nil {
			b.Container = map[int32]string{}
		}
		for _, i := range b.items(ev.Serials) {
			b.Container[i] = ev.SSCC
		}
	case batch.Unpacked:
		for _, i := range b.items(ev.Serials) {
			delete(b.Container, i)
		}
	case batch.Consumed:
		holder := hs.ID(ev.HolderUSCC)
		b.holding(holder).Consume(ev.Quantity)
		idx := b.items(ev.Serials)
		for _, i := range idx {
			b.ItemState[i] = batch.StateConsumed
		}
		b.Moves = append(b.Moves, Move{Kind: KindConsumed, At: at, By: holder, Quantity: ev.Quantity, Items: idx, Ref: ev.TransformationID})
	default:
		return false
	}
	return true
}

// applyReturn takes unlabelled units from the holder's stock first, then
// from what it sold (holding.Units.Return).
func (b *Batch) applyReturn(ev batch.Returned, at int64, hs *Holders) {
	holder := hs.ID(ev.HolderUSCC)
	destroyed := ev.Disposition == batch.DispositionDestroyed
	state, kind := b.holding(holder).Return(ev.Quantity, destroyed), KindReturned
	if destroyed {
		kind = KindDestroyed
	}
	idx := b.items(ev.Serials)
	for _, i := range idx {
		b.ItemState[i] = state
	}
	b.Moves = append(b.Moves, Move{Kind: kind, At: at, By: holder, Quantity: ev.Quantity, Items: idx, Ref: ev.RecallID})
}

// packed is the container of each packed item among idx (nil when none
// is packed).
func (b *Batch) packed(idx []int32) map[int32]string {
	var out map[int32]string
	for _, i := range idx {
		if c, ok := b.Container[i]; ok {
			if out == nil {
				out = map[int32]string{}
			}
			out[i] = c
		}
	}
	return out
}

// ContainersAt are the containers holding h's labelled units of the batch
// now, sorted, each once.
func (b *Batch) ContainersAt(h Holder) []string {
	var out []string
	for i, c := range b.Container {
		if b.ItemHolder[i] == h && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}
