package querydoc

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/epcis/eventhash"
	"github.com/traceledger/traceledger/adapters/epcis/querydoc/querydoctest"
	"github.com/traceledger/traceledger/app/query"
)

func shipping() query.EPCISEvent {
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	return query.EPCISEvent{Type: "ObjectEvent", Action: "OBSERVE", BizStep: "shipping", Disposition: "in_transit",
		EventTime: at, RecordTime: at.Add(time.Second), ReadPoint: "urn:traceledger:uscc:91310000MA1FL0000N",
		BizLocation:     "urn:traceledger:uscc:91310000MA1FL0000N",
		EPCs:            []string{"https://id.gs1.org/01/06901234567892/21/S1"},
		Quantities:      []query.EPCISQuantity{{EPCClass: "https://id.gs1.org/01/06901234567892/10/L1", Quantity: 3}},
		BizTransactions: []query.EPCISTyped{{Type: "desadv", Value: "urn:traceledger:shipment:1"}},
		Sources:         []query.EPCISTyped{{Type: "owning_party", Value: "urn:traceledger:uscc:91310000MA1FL0000N"}},
		Extensions:      []query.EPCISField{{Name: "tl:position", Value: 42}}}
}

// TestAServedEventsIDIsTheHashOfTheEventAsServed: a partner recomputing
// the CBV 2.0 hash of the event as the query document serves it, in
// either EPC format, gets the eventID it carries.
func TestAServedEventsIDIsTheHashOfTheEventAsServed(t *testing.T) {
	ev := shipping()
	id, err := HashID(&ev)
	if err != nil {
		t.Fatal(err)
	}
	ev.EventID = id
	for _, f := range []EPCFormat{DigitalLink, URN} {
		doc, err := JSONLD(Page{QueryName: "SimpleEventQuery", Events: []query.EPCISEvent{ev}, Format: f, Created: ev.RecordTime})
		if err != nil {
			t.Fatal(err)
		}
		querydoctest.ValidateJSON(t, doc)
		evs, err := eventhash.ParseJSONLD(bytes.NewReader(doc))
		if err != nil || len(evs) != 1 {
			t.Fatalf("read back: %v", err)
		}
		if got, _ := eventhash.ID(evs[0]); got != id {
			t.Fatalf("format %d: served event hashes to %s, carries %s", f, got, id)
		}
		xml := XML(Page{QueryName: "SimpleEventQuery", Events: []query.EPCISEvent{ev}, Format: f, Created: ev.RecordTime})
		querydoctest.ValidateXML(t, xml)
		xevs, err := eventhash.ParseXML(bytes.NewReader(xml))
		if err != nil || len(xevs) != 1 {
			t.Fatalf("read back XML: %v", err)
		}
		if got, _ := eventhash.ID(xevs[0]); got != id {
			t.Fatalf("format %d: the XML event hashes to %s, carries %s", f, got, id)
		}
	}
}

func TestIdentifiersAreAnsweredAsEPCURNsWhenAsked(t *testing.T) {
	ev := shipping()
	doc, _ := JSONLD(Page{Events: []query.EPCISEvent{ev}, Format: URN})
	var d struct {
		EPCISBody struct {
			QueryResults struct {
				ResultsBody struct {
					EventList []struct {
						EPCList      []string `json:"epcList"`
						QuantityList []struct {
							EPCClass string `json:"epcClass"`
						} `json:"quantityList"`
					} `json:"eventList"`
				} `json:"resultsBody"`
			} `json:"queryResults"`
		} `json:"epcisBody"`
	}
	_ = json.Unmarshal(doc, &d)
	e := d.EPCISBody.QueryResults.ResultsBody.EventList[0]
	if e.EPCList[0] != "urn:epc:id:sgtin:6901234.056789.S1" || e.QuantityList[0].EPCClass != "urn:epc:class:lgtin:6901234.056789.L1" {
		t.Fatalf("URN form = %v %v", e.EPCList, e.QuantityList)
	}
	for _, in := range []string{"urn:epc:id:sgtin:6901234.056789.S1", "https://id.gs1.org/01/06901234567892/21/S1",
		"https://example.com/01/06901234567892/10/L1/21/S1"} {
		if got, ok := CanonicalEPC(in); !ok || got != "https://id.gs1.org/01/06901234567892/21/S1" {
			t.Errorf("CanonicalEPC(%s) = %s %v", in, got, ok)
		}
	}
}
