package querydoc

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// HashID hands eventhash the decoded object instead of writing the
// document and reading it back: every shape of event the read model
// renders gets the id the document read back gives.
func TestTheHashOfTheDecodedObjectIsTheHashOfTheDocumentReadBack(t *testing.T) {
	at := time.Date(2026, 3, 1, 10, 0, 0, 123456789, time.FixedZone("CST", 8*3600))
	base := shipping()
	withLot := base
	withLot.ILMD = []query.EPCISField{{Name: "cbvmda:lotNumber", Value: "L1"}, {Name: "cbvmda:itemExpirationDate", Value: "2027-01-01"}}
	withLot.Extensions = []query.EPCISField{{Name: "tl:ledgerEventID", Value: "6f1c0a52-1111-4222-8333-944455556666"},
		{Name: "tl:position", Value: uint64(7)}, {Name: "tl:recallLevel", Value: 2}, {Name: "tl:channel", Value: "门店零售 <a&b>"},
		{Name: "tl:withdrawalReason", Value: "cbv:odd tl:odd gs1:odd"}}
	agg := query.EPCISEvent{Type: "AggregationEvent", Action: "ADD", BizStep: "packing", EventTime: at, RecordTime: at,
		ParentID: "https://id.gs1.org/00/095212340000000013", EPCs: []string{"https://id.gs1.org/01/06901234567892/21/S1", "https://id.gs1.org/00/095212340000000020"},
		Quantities: []query.EPCISQuantity{{EPCClass: "https://id.gs1.org/01/06901234567892/10/L1", Quantity: 0.000001, UOM: "KGM"}}}
	tr := query.EPCISEvent{Type: "TransformationEvent", BizStep: "commissioning", Disposition: "active", EventTime: at, RecordTime: at,
		InputEPCs: []string{"https://id.gs1.org/01/06901234567892/21/S%201"}, InputQuantities: []query.EPCISQuantity{{EPCClass: "urn:epc:class:lgtin:690123.0456789.L1", Quantity: 1e21}},
		OutputQuantities: []query.EPCISQuantity{{EPCClass: "https://id.gs1.org/01/06901234567892/10/L2", Quantity: 12.5}},
		BizTransactions:  []query.EPCISTyped{{Type: Namespace + "btt/recall", Value: "urn:traceledger:recall:R%2F1"}, {Value: "untyped"}},
		Destinations:     []query.EPCISTyped{{Type: "possessing_party", Value: "https://id.gs1.org/414/9521234000013"}}}
	recalled := query.EPCISEvent{Type: "ObjectEvent", Action: "OBSERVE", BizStep: "holding", Disposition: "recalled", EventTime: at, RecordTime: at,
		Quantities: []query.EPCISQuantity{{EPCClass: "https://id.gs1.org/01/06901234567892/10/L1"}}, ReadPoint: "https://id.gs1.org/414/9521234000013"}
	odd := base
	odd.Extensions = []query.EPCISField{{Name: "tl:nested", Value: map[string]any{"a": []any{1, "x"}}}, {Name: "tl:bad", Value: "\xff"}}
	for name, ev := range map[string]query.EPCISEvent{"shipping": base, "lot and extensions": withLot, "aggregation": agg,
		"transformation": tr, "recall": recalled, "values the text changes": odd} {
		got, err := HashID(&ev)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := hashViaText(&ev)
		if err != nil || got != want {
			t.Errorf("%s: decoded %s, read back %s (%v)", name, got, want, err)
		}
	}
}

// BenchmarkHashID hashes an event shaped like most the read model
// renders: a sale of one labelled unit, with a lot, an expiry and the
// ledger's extensions.
func BenchmarkHashID(b *testing.B) {
	ev := shipping()
	ev.ILMD = []query.EPCISField{{Name: "cbvmda:lotNumber", Value: "L2605161"}, {Name: "cbvmda:itemExpirationDate", Value: "2027-05-16"},
		{Name: "cbvmda:productionDate", Value: "2026-05-16"}}
	ev.Extensions = []query.EPCISField{{Name: "tl:ledgerEventID", Value: "01a24534-bd14-7b67-bb76-0d1854872487"}, {Name: "tl:position", Value: uint64(200)}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := HashID(&ev); err != nil {
			b.Fatal(err)
		}
	}
}
