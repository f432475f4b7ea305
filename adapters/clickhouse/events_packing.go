package clickhouse

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/container"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/transformation"
)

// describePacking fills r for packing, containers and transformations
// (docs/analytics.md's rows for them); it reports whether e was one.
func (t *EventsTable) describePacking(e event.Event, r *eventRow) bool {
	switch ev := e.(type) {
	case batch.Packed:
		r.enterprise, r.gtin, r.lot, r.quantity, r.ref = ev.HolderUSCC, ev.GTIN, ev.Lot, int64(len(ev.Serials)), ev.SSCC
	case batch.Unpacked:
		r.enterprise, r.gtin, r.lot, r.quantity, r.ref = ev.HolderUSCC, ev.GTIN, ev.Lot, int64(len(ev.Serials)), ev.SSCC
	case batch.Consumed:
		r.enterprise, r.gtin, r.lot, r.quantity, r.ref = ev.HolderUSCC, ev.GTIN, ev.Lot, ev.Count(), ev.TransformationID
	case container.Packed:
		r.enterprise, r.quantity, r.ref = ev.HolderUSCC, int64(len(ev.Items)+len(ev.Containers)), ev.SSCC
	case container.Unpacked:
		r.enterprise, r.quantity, r.ref = ev.HolderUSCC, int64(len(ev.Items)+len(ev.Containers)), ev.SSCC
	case container.Nested:
		r.enterprise, r.ref, r.reason = ev.HolderUSCC, ev.SSCC, ev.ParentSSCC
	case container.Unnested:
		r.enterprise, r.ref, r.reason = ev.HolderUSCC, ev.SSCC, ev.ParentSSCC
	case container.Dispatched:
		r.enterprise, r.counterparty, r.ref, r.reason = ev.FromUSCC, ev.ToUSCC, ev.SSCC, ev.ShipmentID
	case container.Received:
		r.enterprise, r.ref, r.reason = ev.ToUSCC, ev.SSCC, ev.ShipmentID
	case transformation.Recorded:
		r.enterprise, r.ref = ev.TransformerUSCC, ev.TransformationID
		for _, in := range ev.Inputs {
			r.quantity += in.Count()
		}
		if len(ev.Outputs) > 0 {
			r.gtin, r.lot = ev.Outputs[0].GTIN, ev.Outputs[0].Lot
		}
	default:
		return false
	}
	return true
}
