package command

import (
	"context"
	"fmt"
	"slices"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/container"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/shipment"
)

// ship moves items or quantities from the sender to the receiver.
func (h *Handlers) ship(ctx context.Context, a access.Actor, in Ship) (Outcome, error) {
	to, err := parseUSCC("to_uscc", in.ToUSCC)
	if err != nil {
		return Outcome{}, err
	}
	from, err := actingAs(a, "from_uscc", in.FromUSCC)
	if err != nil {
		return Outcome{}, err
	}
	if len(in.Containers) > 0 {
		return h.shipContainers(ctx, a, in, from, to)
	}
	goods, err := goodsOf(in.Items, in.Lines)
	if err != nil {
		return Outcome{}, err
	}
	id := h.newID().String()
	writes := append([]string{shipment.Stream(id)}, goods.Streams()...)
	unit := h.begin(h.metadata(ctx, a, in.Common), writes, []string{enterprise.Stream(from), enterprise.Stream(to)})
	defer unit.end()
	if err := shipParties(ctx, unit, from, to); err != nil {
		return Outcome{}, err
	}
	s, err := load(ctx, unit, shipment.Stream(id), shipment.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := s.Dispatch(id, from, to, in.Waybill, goods); err != nil {
		return Outcome{}, err
	}
	for _, p := range goods.Parcels() {
		b, err := loadBatch(ctx, unit, p.GTIN, p.Lot)
		if err != nil {
			return Outcome{}, err
		}
		if err := b.Ship(id, from, to, in.Waybill, p.Units); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commitWith(ctx, Outcome{ShipmentID: id})
}

// shipParties checks a shipment's sender and receiver: both registered,
// the receiver one that may receive goods.
func shipParties(ctx context.Context, unit *unit, from, to ident.USCC) error {
	if _, err := registered(ctx, unit, from, "from_uscc"); err != nil {
		return err
	}
	receiver, err := registered(ctx, unit, to, "to_uscc")
	if err != nil {
		return err
	}
	return receiver.MayReceiveGoods("to_uscc")
}

// confirmReceipt is the receiver's confirmation of a shipment.
func (h *Handlers) confirmReceipt(ctx context.Context, a access.Actor, in ConfirmReceipt) (Outcome, error) {
	keys, containers, err := h.shipmentBatches(ctx, in.ShipmentID)
	if err != nil {
		return Outcome{}, err
	}
	writes := []string{shipment.Stream(in.ShipmentID)}
	for _, c := range containers {
		writes = append(writes, container.StreamOf(c))
	}
	var reads []string
	products := make([]ident.GTIN, len(keys))
	for i, k := range keys {
		writes = append(writes, batch.StreamOf(k.GTIN, k.Lot))
		if products[i], err = ident.ParseGTIN(k.GTIN); err != nil {
			return Outcome{}, fmt.Errorf("shipment %s: gtin: %w", in.ShipmentID, err)
		}
		reads = append(reads, product.Stream(products[i]))
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), writes, reads)
	defer unit.end()
	s, err := load(ctx, unit, shipment.Stream(in.ShipmentID), shipment.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := s.Receive(a); err != nil {
		return Outcome{}, err
	}
	receiver, err := ident.ParseUSCC(s.To())
	if err != nil {
		return Outcome{}, fmt.Errorf("shipment %s: receiver: %w", in.ShipmentID, err)
	}
	for i, k := range keys {
		b, err := load(ctx, unit, batch.StreamOf(k.GTIN, k.Lot), batch.Load)
		if err != nil {
			return Outcome{}, err
		}
		p, err := loadProduct(ctx, unit, products[i])
		if err != nil {
			return Outcome{}, err
		}
		// The receiver's intake checks the certificate at the ledger's clock.
		if err := b.Receive(in.ShipmentID, receiver, batch.ReceiptTerms{Certificate: p.Status(unit.now)}); err != nil {
			return Outcome{}, err
		}
	}
	if !slices.Equal(s.Containers(), containers) {
		return Outcome{}, fmt.Errorf("shipment %s: containers changed: %w", in.ShipmentID, event.ErrConcurrency)
	}
	for _, sscc := range containers {
		c, err := load(ctx, unit, container.StreamOf(sscc), container.Load)
		if err != nil {
			return Outcome{}, err
		}
		if err := c.Receive(in.ShipmentID); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commit(ctx)
}

// shipmentBatches reads the batches a shipment carries, which never change
// once dispatched (none when it is not known: the shipment refuses then).
func (h *Handlers) shipmentBatches(ctx context.Context, id string) ([]shipment.BatchKey, []string, error) {
	if id == "" {
		return nil, nil, domain.Invalid("id", "required", "is required")
	}
	unit := h.begin(readOnly, nil, []string{shipment.Stream(id)})
	defer unit.end()
	s, err := load(ctx, unit, shipment.Stream(id), shipment.Load)
	if err != nil {
		return nil, nil, err
	}
	return s.Batches(), s.Containers(), nil
}
