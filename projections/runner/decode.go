package runner

import (
	"github.com/traceledger/traceledger/domain/catalog"
	"github.com/traceledger/traceledger/domain/event"
)

// Decode wraps a record with its event, decoded through the domain's event
// catalogue. A type unknown to this build decodes to a nil Event (projections
// skip it); malformed data is an error.
func Decode(rec event.Record) (Envelope, error) {
	e, err := catalog.Events.Decode(rec)
	if err != nil {
		return Envelope{}, err
	}
	return Envelope{Record: rec, Event: e}, nil
}
