package querydoc

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/traceledger/traceledger/adapters/epcis/eventhash"
	"github.com/traceledger/traceledger/app/query"
)

// HashID is the CBV 2.0 event hash id of a rendered event: the event
// written as JSON-LD (without an eventID, as the algorithm requires),
// read back by eventhash and hashed. The ledger's extension fields
// (tl:ledgerEventID, tl:position) are part of it, which keeps two ledger
// events of identical content (two sales of one unit of a lot at the same
// second) two ids; recordTime is not, as the algorithm leaves it out.
func HashID(ev *query.EPCISEvent) (string, error) {
	e := *ev
	e.EventID = ""
	doc := obj{{"@context", context()}, {"type", "EPCISDocument"}, {"schemaVersion", "2.0"},
		{"creationDate", stamp(ev.RecordTime)}, {"epcisBody", obj{{"eventList", []any{eventJSON(&e, DigitalLink)}}}}}
	b, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("hash id: %w", err)
	}
	evs, err := eventhash.ParseJSONLD(bytes.NewReader(b))
	if err != nil || len(evs) != 1 {
		return "", fmt.Errorf("hash id: read back: %v", err)
	}
	return eventhash.ID(evs[0])
}
