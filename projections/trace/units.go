package trace

import (
	"encoding/binary"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// The unit fold: domain/batch's apply with domain/holding's rules, as
// unitstate.Batch folds it in memory, over the rows of keys.go. Each fold
// step below mirrors unitstate.Batch.Apply's case of the same event (the
// tests compare the two on random histories).

func (t *tx) labelled(b *Batch, ev batch.Labelled, at int64) error {
	owner, err := t.id(ev.OwnerUSCC)
	if err != nil {
		return err
	}
	r, err := t.tally(b, owner)
	if err != nil {
		return err
	}
	r.units.Label(int64(len(ev.Serials)))
	seq, err := t.addMove(b, move{Kind: unitstate.KindLabelled, At: at, By: owner, Items: int64(len(ev.Serials))})
	if err != nil {
		return err
	}
	if err := t.prefetch(b, ev.Serials); err != nil {
		return err
	}
	for _, s := range ev.Serials {
		it, err := t.item(b, s)
		if err != nil {
			return err
		}
		if it == nil {
			if it, err = t.newItem(b, s, owner); err != nil {
				return err
			}
		} else if err := t.set(b, it, owner, batch.StateInStock, it.container); err != nil {
			return err
		}
		it.carriedBy(seq, "")
	}
	return nil
}

func (t *tx) shipped(b *Batch, ev batch.Shipped, at int64) error {
	from, err := t.id(ev.FromUSCC)
	if err != nil {
		return err
	}
	r, err := t.tally(b, from)
	if err != nil {
		return err
	}
	r.units.Ship(ev.Quantity)
	r.transit += ev.Quantity // until received
	items, serials, err := t.known(b, ev.Serials)
	if err != nil {
		return err
	}
	to, err := t.id(ev.ToUSCC)
	if err != nil {
		return err
	}
	if err := t.involve(b, to); err != nil {
		return err
	}
	seq, err := t.addMove(b, move{Kind: unitstate.KindShipped, At: at, By: from, To: to, Quantity: ev.Quantity, Items: int64(len(items)),
		Ref: ev.ShipmentID, Waybill: ev.Waybill})
	if err != nil {
		return err
	}
	for _, it := range items {
		if err := t.set(b, it, it.holder, batch.StateInTransit, it.container); err != nil {
			return err
		}
		it.carriedBy(seq, it.container)
	}
	if err := t.b.Set(batchKey(pShipment, b.GTIN, b.Lot+"\x00"+ev.ShipmentID), appendSeq(seq)); err != nil {
		return err
	}
	if len(serials) > 0 {
		return t.b.Set(seqKey(pShipItems, b.No, seq), encodeSerials(serials))
	}
	return nil
}

func appendSeq(seq uint32) []byte { return binary.BigEndian.AppendUint32(nil, seq) }

func readSeq(v []byte) (uint32, bool) {
	if len(v) != 4 {
		return 0, false
	}
	return binary.BigEndian.Uint32(v), true
}

func (t *tx) received(b *Batch, ev batch.Received, at int64) error {
	sk := batchKey(pShipment, b.GTIN, b.Lot+"\x00"+ev.ShipmentID)
	v, ok, err := t.b.Get(sk)
	if err != nil || !ok {
		return err
	}
	seq, good := readSeq(v)
	mk := seqKey(pMove, b.No, seq)
	mv, ok, err := t.b.Get(mk)
	if err != nil {
		return err
	}
	m, decoded := decodeMove(mv)
	if !good || !ok || !decoded {
		return corrupt("shipment", sk)
	}
	if !m.Received {
		r, err := t.tally(b, m.By)
		if err != nil {
			return err
		}
		r.transit -= m.Quantity
	}
	m.Received, m.ReceivedAt = true, at
	if err := t.b.Set(mk, m.encode()); err != nil {
		return err
	}
	r, err := t.tally(b, m.To)
	if err != nil {
		return err
	}
	r.units.Receive(m.Quantity)
	if m.Items == 0 {
		return nil
	}
	xk := seqKey(pShipItems, b.No, seq)
	sv, ok, err := t.b.Get(xk)
	if err != nil {
		return err
	}
	serials, good := decodeSerials(sv)
	if !ok || !good {
		return corrupt("shipment items", xk)
	}
	if err := t.prefetch(b, serials); err != nil {
		return err
	}
	for _, s := range serials {
		it, err := t.item(b, s)
		if err != nil {
			return err
		}
		if it == nil {
			return corrupt("shipped item", xk)
		}
		if err := t.set(b, it, m.To, batch.StateInStock, it.container); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) sold(b *Batch, ev batch.Sold, at int64) error {
	seller, err := t.id(ev.SellerUSCC)
	if err != nil {
		return err
	}
	r, err := t.tally(b, seller)
	if err != nil {
		return err
	}
	r.units.Sell(ev.Quantity)
	return t.moveItems(b, ev.Serials, batch.StateSold, move{Kind: unitstate.KindSold, At: at, By: seller, Quantity: ev.Quantity, Ref: ev.Channel})
}

// returned takes unlabelled units from the holder's stock first, then from
// what it sold (holding.Units.Return).
func (t *tx) returned(b *Batch, ev batch.Returned, at int64) error {
	h, err := t.id(ev.HolderUSCC)
	if err != nil {
		return err
	}
	r, err := t.tally(b, h)
	if err != nil {
		return err
	}
	destroyed := ev.Disposition == batch.DispositionDestroyed
	state, kind := r.units.Return(ev.Quantity, destroyed), unitstate.KindReturned
	if destroyed {
		kind = unitstate.KindDestroyed
	}
	return t.moveItems(b, ev.Serials, state, move{Kind: kind, At: at, By: h, Quantity: ev.Quantity, Ref: ev.RecallID})
}

func (t *tx) consumed(b *Batch, ev batch.Consumed, at int64) error {
	h, err := t.id(ev.HolderUSCC)
	if err != nil {
		return err
	}
	r, err := t.tally(b, h)
	if err != nil {
		return err
	}
	r.units.Consume(ev.Quantity)
	return t.moveItems(b, ev.Serials, batch.StateConsumed, move{Kind: unitstate.KindConsumed, At: at, By: h, Quantity: ev.Quantity, Ref: ev.TransformationID})
}

// moveItems records m carrying the known items among serials, which end in
// state st where they are.
func (t *tx) moveItems(b *Batch, serials []string, st batch.State, m move) error {
	items, _, err := t.known(b, serials)
	if err != nil {
		return err
	}
	m.Items = int64(len(items))
	seq, err := t.addMove(b, m)
	if err != nil {
		return err
	}
	for _, it := range items {
		if err := t.set(b, it, it.holder, st, it.container); err != nil {
			return err
		}
		it.carriedBy(seq, "")
	}
	return nil
}

// pack puts the known items among serials in container sscc ("" unpacks
// them).
func (t *tx) pack(b *Batch, serials []string, sscc string) error {
	items, _, err := t.known(b, serials)
	if err != nil {
		return err
	}
	for _, it := range items {
		if err := t.set(b, it, it.holder, it.state, sscc); err != nil {
			return err
		}
	}
	return nil
}
