package command

import (
	"context"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/shipment"
)

// Ship moves items or quantities from the sender to the receiver.
func (h *Handlers) Ship(ctx context.Context, a access.Actor, in Ship) (Outcome, error) {
	if err := mayWrite(a); err != nil {
		return Outcome{}, err
	}
	to, err := parseUSCC("to_uscc", in.ToUSCC)
	if err != nil {
		return Outcome{}, err
	}
	from, err := actingAs(a, "from_uscc", in.FromUSCC)
	if err != nil {
		return Outcome{}, err
	}
	if err := required("waybill", in.Waybill); err != nil {
		return Outcome{}, err
	}
	goods, err := goodsOf(in.Items, in.Lines)
	if err != nil {
		return Outcome{}, err
	}
	id := h.newID().String()
	writes := append([]string{shipment.Stream(id)}, streamsOf(goods)...)
	unit := h.begin(h.metadata(ctx, a, in.Common), writes, []string{enterprise.Stream(from), enterprise.Stream(to)})
	defer unit.end()
	if _, err := registered(ctx, unit, from, "from_uscc"); err != nil {
		return Outcome{}, err
	}
	receiver, err := registered(ctx, unit, to, "to_uscc")
	if err != nil {
		return Outcome{}, err
	}
	if err := receiver.RequireRole("to_uscc", enterprise.Manufacturer, enterprise.Importer, enterprise.Distributor, enterprise.Retailer, enterprise.Ecommerce); err != nil {
		return Outcome{}, err
	}
	s, err := load(ctx, unit, shipment.Stream(id), shipment.Load)
	if err != nil {
		return Outcome{}, err
	}
	d := shipment.Dispatched{ShipmentID: id, FromUSCC: from.String(), ToUSCC: to.String(), Waybill: in.Waybill}
	for _, g := range goods {
		d.Batches = append(d.Batches, shipment.BatchKey{GTIN: g.gtin.String(), Lot: g.lot.String()})
		d.Units += g.units.Count()
	}
	if err := s.Dispatch(d); err != nil {
		return Outcome{}, err
	}
	for _, g := range goods {
		b, err := loadBatch(ctx, unit, g.gtin, g.lot)
		if err != nil {
			return Outcome{}, err
		}
		if !b.Registered() {
			return Outcome{}, domain.NotFound("lot", "batch %s/%s is not registered", g.gtin, g.lot)
		}
		if err := b.Ship(id, from, to, in.Waybill, g.units); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commitWith(ctx, Outcome{ShipmentID: id})
}

// ConfirmReceipt is the receiver's confirmation of a shipment.
func (h *Handlers) ConfirmReceipt(ctx context.Context, a access.Actor, in ConfirmReceipt) (Outcome, error) {
	if err := mayWrite(a); err != nil {
		return Outcome{}, err
	}
	to, keys, err := h.shipmentKeys(ctx, in.ShipmentID)
	if err != nil {
		return Outcome{}, err
	}
	if err := actsFor(a, to, "id"); err != nil {
		return Outcome{}, err
	}
	receiver, _ := ident.ParseUSCC(to)
	writes := []string{shipment.Stream(in.ShipmentID)}
	for _, k := range keys {
		writes = append(writes, batch.StreamOf(k.GTIN, k.Lot))
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), writes, nil)
	defer unit.end()
	s, err := load(ctx, unit, shipment.Stream(in.ShipmentID), shipment.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := s.Receive(); err != nil {
		return Outcome{}, err
	}
	for _, k := range keys {
		b, err := load(ctx, unit, batch.StreamOf(k.GTIN, k.Lot), batch.Load)
		if err != nil {
			return Outcome{}, err
		}
		if err := b.Receive(in.ShipmentID, receiver); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commit(ctx)
}

// shipmentKeys reads a shipment's receiver and batches, which never change
// once dispatched.
func (h *Handlers) shipmentKeys(ctx context.Context, id string) (string, []shipment.BatchKey, error) {
	if id == "" {
		return "", nil, domain.Invalid("id", "is required")
	}
	unit := h.begin(readOnly, nil, []string{shipment.Stream(id)})
	defer unit.end()
	s, err := load(ctx, unit, shipment.Stream(id), shipment.Load)
	if err != nil {
		return "", nil, err
	}
	if !s.Exists() {
		return "", nil, domain.NotFound("id", "shipment %s is not known", id)
	}
	return s.To(), s.Batches(), nil
}
