package command

import (
	"context"
	"sort"
	"strings"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/container"
	"github.com/traceledger/traceledger/domain/ident"
)

// decideMapped runs the command an event maps to through the command's own
// public method (execute's path: permission, bounds, the handler), once per
// batch for the commands that name one; inside a document they decide in
// its unit.
func (h *Handlers) decideMapped(ctx context.Context, a access.Actor, ev EPCISEvent, command string, common Common, acting string, ps parties, goods *eventGoodsSet) (Outcome, error) {
	var all Outcome
	add := func(o Outcome, err error) error {
		all.Events = append(all.Events, o.Events...)
		return err
	}
	switch command {
	case "ApplyLabels":
		for _, b := range goods.byBatch() {
			if len(b.serials) == 0 {
				continue
			}
			if err := add(h.ApplyLabels(ctx, a, ApplyLabels{Common: common, GTIN: b.g, Lot: b.l, OwnerUSCC: acting, Serials: b.serials})); err != nil {
				return all, err
			}
		}
	case "Ship":
		to := ps.receiver()
		if to == "" {
			return all, refuse("no_destination", "destinationList", "a shipping event names the receiver's GLN in its destinationList (owning_party, possessing_party or location)")
		}
		return h.Ship(ctx, a, Ship{Common: common, FromUSCC: acting, ToUSCC: to, Waybill: waybillOf(ev), Items: goods.itemCodes(), Lines: ev.Lines, Containers: ev.Containers})
	case "ConfirmReceipt":
		ids, err := h.shipmentsCarrying(ctx, acting, *goods, ev.Containers)
		if err != nil {
			return all, err
		}
		for _, id := range ids {
			if err := add(h.ConfirmReceipt(ctx, a, ConfirmReceipt{Common: common, ShipmentID: id})); err != nil {
				return all, err
			}
		}
	case "PackContainer":
		return h.PackContainer(ctx, a, PackContainer{Common: common, SSCC: ev.ParentSSCC, HolderUSCC: acting, Items: goods.itemCodes(), Containers: ev.Containers})
	case "UnpackContainer":
		return h.UnpackContainer(ctx, a, UnpackContainer{Common: common, SSCC: ev.ParentSSCC, HolderUSCC: acting, Items: goods.itemCodes(), Containers: ev.Containers})
	case "RecordTransformation":
		return h.RecordTransformation(ctx, a, RecordTransformation{Common: common, TransformerUSCC: acting, Inputs: ev.InputLines,
			InputItems: paths(goods.inputs), Outputs: outputBatches(ev, *goods), Note: "EPCIS TransformationEvent " + ev.HashID})
	case "Sell":
		return h.Sell(ctx, a, Sell{Common: common, SellerUSCC: acting, Channel: "store", Items: goods.itemCodes(), Lines: ev.Lines})
	case "InspectMarket":
		result, ok := inspectionResults[ev.Disposition]
		if !ok {
			return all, refuse("inspection_result", "disposition", "an inspecting event says conformant or non_conformant")
		}
		for _, b := range goods.byBatch() {
			in := InspectMarket{Common: common, GTIN: b.g, Lot: b.l, EnterpriseUSCC: acting, Result: result}
			if result == "fail" {
				in.Findings = "EPCIS inspecting event " + ev.HashID
			}
			if err := add(h.InspectMarket(ctx, a, in)); err != nil {
				return all, err
			}
		}
	case "RecordWithdrawal":
		reason, ok := withdrawalReasons[ev.Disposition]
		if !ok {
			return all, refuse("withdrawal_reason", "disposition", "a holding event withdraws goods from sale: its disposition says why, expired or non_conformant")
		}
		for _, b := range goods.byBatch() {
			if err := add(h.RecordWithdrawal(ctx, a, RecordWithdrawal{Common: common, GTIN: b.g, Lot: b.l, HolderUSCC: acting, Reason: reason, Items: b.codes, Quantity: b.quantity})); err != nil {
				return all, err
			}
		}
	case "RecordDisposal":
		for _, b := range goods.byBatch() {
			if err := add(h.RecordDisposal(ctx, a, RecordDisposal{Common: common, GTIN: b.g, Lot: b.l, HolderUSCC: acting, Disposition: batch.DispositionDestroyed, Items: b.codes, Quantity: b.quantity})); err != nil {
				return all, err
			}
		}
	case "RecordRecallReturn", "ReturnGoods":
		for _, b := range goods.byBatch() {
			recalls, err := h.batchRecalls(ctx, b.g, b.l)
			if err != nil {
				return all, err
			}
			if len(recalls) == 0 && command == "RecordRecallReturn" {
				return all, refuse("not_recalled", "epcList", "batch %s/%s is in no recall: a recalling event returns recalled goods", b.g, b.l)
			}
			if len(recalls) == 0 {
				goods.returnCommand = "RecordDisposal"
				in := RecordDisposal{Common: common, GTIN: b.g, Lot: b.l, HolderUSCC: acting, Disposition: batch.DispositionReturnedToSupplier, SupplierUSCC: ps.receiver(), Items: b.codes, Quantity: b.quantity}
				if err := add(h.RecordDisposal(ctx, a, in)); err != nil {
					return all, err
				}
				continue
			}
			goods.returnCommand = "RecordRecallReturn"
			in := RecordRecallReturn{Common: common, RecallID: recalls[len(recalls)-1], HolderUSCC: acting, Items: b.codes, GTIN: b.g, Lot: b.l, Quantity: b.quantity, Disposition: batch.DispositionReturned}
			if err := add(h.RecordRecallReturn(ctx, a, in)); err != nil {
				return all, err
			}
		}
	}
	return all, nil
}

// waybillOf is the shipment's waybill: the despatch advice or bill of
// lading the event names, else its hash id.
func waybillOf(ev EPCISEvent) string {
	for _, want := range []string{"desadv", "bol", "po"} {
		for _, t := range ev.BizTransactions {
			if t.Type == want {
				return t.Value
			}
		}
	}
	return "EPCIS " + strings.TrimPrefix(ev.HashID, "ni:///sha-256;")[:16]
}

// outputBatches are a transformation's outputs: the lots of its output
// quantity list, then those of its output items, each once.
func outputBatches(ev EPCISEvent, goods eventGoodsSet) []BatchRef {
	var out []BatchRef
	seen := map[BatchRef]bool{}
	add := func(r BatchRef) {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	for _, ln := range ev.OutputLines {
		add(BatchRef{GTIN: ln.GTIN, Lot: ln.Lot})
	}
	for _, c := range goods.outputs {
		add(BatchRef{GTIN: c.GTIN.String(), Lot: c.Lot.String()})
	}
	return out
}

// shipmentsCarrying finds the shipments to receiver that carry the goods
// an arriving event names: those holding any of its items or travelling
// with any of its containers, and for its quantity lines every open
// shipment of the batch to the receiver.
func (h *Handlers) shipmentsCarrying(ctx context.Context, receiver string, goods eventGoodsSet, containers []string) ([]string, error) {
	found := map[string]bool{}
	for i, s := range containers {
		x, err := parseWith(fieldIndex("containers", i), s, ident.ParseSSCC)
		if err != nil {
			return nil, err
		}
		u := h.begin(readOnly, nil, []string{container.Stream(x)})
		c, err := load(ctx, u, container.Stream(x), container.Load)
		u.end()
		if err != nil {
			return nil, err
		}
		if id, to := c.TravelsTo(); id != "" && to == receiver {
			found[id] = true
		}
	}
	for _, b := range goods.byBatch() {
		g, l, err := parseBatch("gtin", "lot", b.g, b.l)
		if err != nil {
			return nil, err
		}
		u := h.begin(readOnly, nil, []string{batch.Stream(g, l)})
		bt, err := loadBatch(ctx, u, g, l)
		u.end()
		if err != nil {
			return nil, err
		}
		serials := map[string]bool{}
		for _, s := range b.serials {
			serials[s] = true
		}
		for _, s := range bt.OpenShipmentsTo(receiver) {
			carries := b.quantity > 0
			for _, x := range s.Units.Serials {
				carries = carries || serials[x]
			}
			if carries {
				found[s.ID] = true
			}
		}
	}
	if len(found) == 0 {
		return nil, refuse("not_in_transit", "epcList", "no shipment to %s carries these goods: a receiving event confirms goods shipped to its location", receiver)
	}
	ids := make([]string, 0, len(found))
	for id := range found {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, nil
}

// batchRecalls lists the recalls a batch is in.
func (h *Handlers) batchRecalls(ctx context.Context, gtin, lot string) ([]string, error) {
	g, l, err := parseBatch("gtin", "lot", gtin, lot)
	if err != nil {
		return nil, err
	}
	u := h.begin(readOnly, nil, []string{batch.Stream(g, l)})
	defer u.end()
	b, err := loadBatch(ctx, u, g, l)
	if err != nil {
		return nil, err
	}
	return b.Recalls(), nil
}
