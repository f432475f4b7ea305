package clickhouse

import (
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/event"
)

// personalData are the event types whose data is a person's: the analytics
// store keeps their row (type, time, stream) but not their data, so a
// consumer's contact never leaves the ledger, where only regulators read it.
var personalData = map[string]bool{complaint.TypeContactRecorded: true}

// storedData is the data column of an event of type typ.
func storedData(typ string, data []byte) string {
	if personalData[typ] {
		return "{}"
	}
	return string(data)
}

// describeCase fills the columns of a complaint case's steps after its
// filing: the enterprise concerned, the complaint's goods, the case as ref;
// result is the step (and the conclusion of complaint.resolved.v1, which
// describe fills itself). It reports whether e was such a step.
func (t *EventsTable) describeCase(e event.Event, r *eventRow) bool {
	var id, against string
	switch ev := e.(type) {
	case complaint.ContactRecorded:
		id, against = ev.ComplaintID, ev.AgainstUSCC
	case complaint.Accepted:
		id, against, r.result = ev.ComplaintID, ev.AgainstUSCC, "accepted"
	case complaint.Refused:
		id, against, r.result, r.reason = ev.ComplaintID, ev.AgainstUSCC, "refused", ev.Reason
	case complaint.InvestigationStarted:
		id, against, r.result = ev.ComplaintID, ev.AgainstUSCC, "investigating"
	case complaint.Answered:
		id, against, r.result = ev.ComplaintID, ev.AgainstUSCC, "answered"
	case complaint.Transferred:
		id, against, r.result, r.reason, r.authority = ev.ComplaintID, ev.AgainstUSCC, "transferred", ev.Reason, ev.Authority
	default:
		return false
	}
	c := t.complaints[id]
	r.enterprise, r.gtin, r.lot, r.ref = against, c.gtin, c.lot, id
	return true
}
