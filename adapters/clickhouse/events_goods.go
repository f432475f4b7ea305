package clickhouse

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
)

// describeGoods fills r for the batch stream's events: each is about one
// batch (gtin, lot) and the enterprise whose units it moves or judges.
func (t *EventsTable) describeGoods(e event.Event, r *eventRow) {
	switch ev := e.(type) {
	case batch.Registered:
		t.batches[batchKey(ev.GTIN, ev.Lot)] = ev.OwnerUSCC
		r.enterprise, r.gtin, r.lot, r.quantity, r.origin = ev.OwnerUSCC, ev.GTIN, ev.Lot, ev.Quantity, ev.OriginCountry
	case batch.Labelled:
		r.enterprise, r.gtin, r.lot, r.quantity = ev.OwnerUSCC, ev.GTIN, ev.Lot, int64(len(ev.Serials))
	case batch.Cleared:
		d := t.declarations[ev.DeclarationNo]
		r.enterprise, r.gtin, r.lot, r.port = t.batches[batchKey(ev.GTIN, ev.Lot)], ev.GTIN, ev.Lot, d.port
		r.result, r.ref, r.reason = ev.Decision, ev.DeclarationNo, ev.Reason
	case batch.Shipped:
		r.enterprise, r.counterparty, r.gtin, r.lot = ev.FromUSCC, ev.ToUSCC, ev.GTIN, ev.Lot
		r.quantity, r.ref = ev.Count(), ev.ShipmentID
	case batch.Received:
		r.enterprise, r.counterparty, r.gtin, r.lot = ev.ToUSCC, t.shipments[ev.ShipmentID].from, ev.GTIN, ev.Lot
		r.quantity, r.ref = ev.Count(), ev.ShipmentID
	case batch.Sold:
		r.enterprise, r.gtin, r.lot, r.channel, r.quantity = ev.SellerUSCC, ev.GTIN, ev.Lot, ev.Channel, ev.Count()
	case batch.Recalled:
		r.enterprise, r.counterparty, r.gtin, r.lot = t.batches[batchKey(ev.GTIN, ev.Lot)], t.recalls[ev.RecallID].initiator, ev.GTIN, ev.Lot
		r.level, r.ref = uint8(ev.Level), ev.RecallID
	case batch.Returned:
		r.enterprise, r.gtin, r.lot, r.quantity = ev.HolderUSCC, ev.GTIN, ev.Lot, ev.Count()
		r.result, r.ref = ev.Disposition, ev.RecallID
	case batch.Inspected:
		r.enterprise, r.gtin, r.lot = ev.EnterpriseUSCC, ev.GTIN, ev.Lot
		r.result, r.reason = ev.Result, ev.Findings
	case batch.WithdrawalOrdered:
		r.enterprise, r.gtin, r.lot = ev.HolderUSCC, ev.GTIN, ev.Lot
		r.result, r.reason, r.ref = ev.Reason, ev.Note, ev.OrderID
	case batch.Withdrawn:
		r.enterprise, r.gtin, r.lot, r.quantity = ev.HolderUSCC, ev.GTIN, ev.Lot, ev.Count()
		r.result, r.reason, r.ref = ev.Reason, ev.Note, ev.OrderID
	case batch.Disposed:
		r.enterprise, r.counterparty, r.gtin, r.lot, r.quantity = ev.HolderUSCC, ev.SupplierUSCC, ev.GTIN, ev.Lot, ev.Count()
		r.result = ev.Disposition
	}
}
