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
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/shipment"
)

// shipContainers ships cases and pallets (SSCCs) with every unit in them,
// and any items and quantities listed beside them. At recording time each
// container expands, through the containers inside it, to its units, which
// move exactly as if listed one by one (the batches' rules apply to each);
// the containers move with them, and the receipt receives them.
func (h *Handlers) shipContainers(ctx context.Context, a access.Actor, in Ship, from, to ident.USCC) (Outcome, error) {
	outer := make([]string, len(in.Containers))
	for i, c := range in.Containers {
		x, err := parseWith(fieldIndex("containers", i), c, ident.ParseSSCC)
		if err != nil {
			return Outcome{}, err
		}
		if slices.Contains(outer[:i], x.String()) {
			return Outcome{}, domain.Invalid(fieldIndex("containers", i), "container_given_twice", "container %s is given twice", x)
		}
		outer[i] = x.String()
	}
	listed, err := parseItems(in.Items)
	if err != nil {
		return Outcome{}, err
	}
	p, err := h.peek(ctx, outer, false)
	if err != nil {
		return Outcome{}, err
	}
	// The listed goods' batches are locked too; they may be any.
	lineGoods, err := goodsOf(in.Items, in.Lines)
	if err != nil && (len(in.Items) > 0 || len(in.Lines) > 0) {
		return Outcome{}, err
	}
	for _, s := range lineGoods.Streams() {
		if !slices.Contains(p.batches, s) {
			p.batches = append(p.batches, s)
		}
	}
	for _, s := range outer {
		if st := container.StreamOf(s); !slices.Contains(p.containers, st) {
			p.containers = append(p.containers, st)
		}
	}
	id := h.newID().String()
	writes := append(append([]string{shipment.Stream(id)}, p.containers...), p.batches...)
	unit := h.begin(h.metadata(ctx, a, in.Common), writes, []string{enterprise.Stream(from), enterprise.Stream(to)})
	defer unit.end()
	if err := shipParties(ctx, unit, from, to); err != nil {
		return Outcome{}, err
	}
	var travelling []*container.Container
	var packed []ident.ItemCode
	for i, s := range outer {
		cs, items, err := tree(ctx, unit, &p, s)
		if err != nil {
			return Outcome{}, err
		}
		if err := cs[0].MayShip(from, fieldIndex("containers", i)); err != nil {
			return Outcome{}, err
		}
		travelling = append(travelling, cs...)
		packed = append(packed, items...)
	}
	for i, c := range listed {
		if slices.Contains(packed, c) {
			return Outcome{}, domain.Invalid(fieldIndex("items", i), "item_in_container_shipped_with", "item %s is in a container shipped with it", c.Serial)
		}
	}
	ls := make([]batch.Line, 0, len(in.Lines))
	for _, pc := range lineGoods.Parcels() {
		if pc.Units.Quantity > 0 {
			q, err := ident.NewQuantity(pc.Units.Quantity)
			if err != nil {
				return Outcome{}, fmt.Errorf("lines: %w", err)
			}
			ls = append(ls, batch.Line{GTIN: pc.GTIN, Lot: pc.Lot, Quantity: q})
		}
	}
	if len(listed)+len(packed)+len(ls) == 0 {
		return Outcome{}, domain.Invalid("containers", "containers_hold_no_units", "the containers hold no units")
	}
	goods, err := batch.NewGoods(append(listed, packed...), ls)
	if err != nil {
		return Outcome{}, err
	}
	ssccs := make([]string, len(travelling))
	for i, c := range travelling {
		ssccs[i] = c.SSCC()
	}
	s, err := load(ctx, unit, shipment.Stream(id), shipment.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := s.DispatchIn(id, from, to, in.Waybill, goods, ssccs); err != nil {
		return Outcome{}, err
	}
	for _, c := range travelling {
		if err := c.Dispatch(id, from, to); err != nil {
			return Outcome{}, err
		}
	}
	for _, pc := range goods.Parcels() {
		if !p.has(pc.Stream()) {
			return Outcome{}, changed(outer[0])
		}
		b, err := loadBatch(ctx, unit, pc.GTIN, pc.Lot)
		if err != nil {
			return Outcome{}, err
		}
		if err := b.ShipIn(id, from, to, in.Waybill, pc.Units, ssccs); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commitWith(ctx, Outcome{ShipmentID: id})
}
