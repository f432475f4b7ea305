package querydoc

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/app/query"
)

// TestAnEventReadBackFromASnapshotIsWrittenFromItsFields: a model's
// snapshot writes an event's missing original as null; the event it
// restores is written from its fields, never as a null event.
func TestAnEventReadBackFromASnapshotIsWrittenFromItsFields(t *testing.T) {
	b, err := json.Marshal(shipping())
	if err != nil {
		t.Fatal(err)
	}
	var restored query.EPCISEvent
	if err := json.Unmarshal(b, &restored); err != nil {
		t.Fatal(err)
	}
	doc, err := JSONLD(Page{QueryName: "SimpleEventQuery", Events: []query.EPCISEvent{restored}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(doc), `"eventList":[null]`) || !strings.Contains(string(doc), `"bizStep":"shipping"`) {
		t.Fatalf("restored event written as %s", doc)
	}
}
