package clickhouse

import (
	"strings"

	"github.com/traceledger/traceledger/domain/capture"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/location"
)

// describeEPCIS fills r for the GLN registry and EPCIS capture records;
// false for any other event.
func describeEPCIS(e event.Event, r *eventRow) bool {
	switch ev := e.(type) {
	case location.Registered:
		r.enterprise, r.ref = ev.USCC, location.Key(ev.GLN, ev.Extension)
	case capture.EventCaptured:
		if len(ev.Enterprises) > 0 {
			r.enterprise = ev.Enterprises[0]
		}
		if len(ev.Batches) > 0 {
			r.gtin, r.lot, _ = strings.Cut(ev.Batches[0], "/")
		}
		r.result, r.ref = ev.BizStep, ev.HashID
	case capture.JobRecorded:
		r.enterprise, r.ref = ev.ActorUSCC, ev.JobID
	default:
		return false
	}
	return true
}
