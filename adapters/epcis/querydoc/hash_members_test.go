package querydoc

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/epcis/eventhash"
	"github.com/traceledger/traceledger/app/query"
)

// Events of every shape, with values drawn from what the read model
// renders and from what it might one day hold (compact IRIs, bare terms,
// URNs, numbers eventhash rewrites, repeated entries, text of many
// scripts), get from their members the id the document written and read
// back gives.
func TestTheMembersOfAnyEventHashAsTheDocumentReadBack(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 2026))
	pick := func(l ...string) string { return l[r.IntN(len(l))] }
	ids := func() []string {
		out := make([]string, r.IntN(4))
		for i := range out {
			out[i] = pick("https://id.gs1.org/01/06901234567892/21/S1", "https://id.gs1.org/01/06901234567892/21/S%201",
				"https://id.gs1.org/00/095212340000000013", "urn:epc:id:sgtin:690123.0456789.S2", "urn:traceledger:unit:x",
				"https://example.com/01/06901234567892/21/S1", "gs1:odd", "批次-1", "https://id.gs1.org/01/06901234567892/21/S1")
		}
		return out
	}
	number := func() float64 {
		return []float64{0, 1, 3, 12.5, 0.000001, 1e-7, 1e21, 123456789012345678, -2.25, 0.1 + 0.2, math.MaxFloat64, 100}[r.IntN(12)]
	}
	qty := func() []query.EPCISQuantity {
		out := make([]query.EPCISQuantity, r.IntN(3))
		for i := range out {
			out[i] = query.EPCISQuantity{EPCClass: pick("https://id.gs1.org/01/06901234567892/10/L1", "urn:epc:class:lgtin:690123.0456789.L1",
				"urn:epc:idpat:sgtin:690123.0456789.*", "x"), Quantity: number(), UOM: pick("", "KGM", "LTR")}
		}
		return out
	}
	typed := func() []query.EPCISTyped {
		out := make([]query.EPCISTyped, r.IntN(3))
		for i := range out {
			out[i] = query.EPCISTyped{Type: pick("", "desadv", "po", "owning_party", "location", "cbv:BTT-inv",
				"urn:epcglobal:cbv:btt:po", Namespace+"btt/recall"), Value: pick("urn:traceledger:shipment:1", "urn:epcglobal:cbv:bt:0614141073467:1152",
				"https://id.gs1.org/414/9521234000013", "http://transaction.acme.com/po/12345678")}
		}
		return out
	}
	fields := func(prefix string, n int) []query.EPCISField {
		out := make([]query.EPCISField, 0, n)
		names := []string{prefix + "a", prefix + "b", prefix + "c", prefix + "lotNumber", prefix + "position"}
		r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
		for _, name := range names[:n] {
			var v any = pick("L1", "2027-01-01", "门店零售 <a&b>", "cbv:odd tl:odd gs1:odd", "12.50", "+0012.50", "shipping", "2026-03-01T10:00:00+08:00")
			switch r.IntN(5) {
			case 0:
				v = uint64(r.Uint32())
			case 1:
				v = r.IntN(100) - 50
			case 2:
				v = number()
			}
			out = append(out, query.EPCISField{Name: name, Value: v})
		}
		return out
	}
	zones := []*time.Location{time.UTC, time.FixedZone("CST", 8*3600), time.FixedZone("", -5*3600-1800), time.FixedZone("LMT", 8*3600+5*60+43)}
	taken := 0
	for i := range 3000 {
		year := []int{0, 1, 2026, 2027, 9999, 10000}[r.IntN(6)]
		at := time.Date(year, time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1e9), zones[r.IntN(len(zones))])
		ev := query.EPCISEvent{Type: pick("ObjectEvent", "AggregationEvent", "TransformationEvent", "TransactionEvent", "AssociationEvent"),
			Action: pick("", "ADD", "OBSERVE", "DELETE"), BizStep: pick("", "shipping", "receiving", "retail_selling", "cbv:BizStep-holding",
				"urn:epcglobal:cbv:bizstep:inspecting", Namespace+"bizstep/recall", "shipping_x"),
			Disposition: pick("", "in_transit", "recalled", "urn:epcglobal:cbv:disp:active", "sellable"), EventTime: at, RecordTime: at.Add(time.Second),
			ReadPoint:   pick("", "urn:traceledger:uscc:91310000MA1FL0000N", "https://id.gs1.org/414/9521234000013", "urn:epc:id:sgln:952123.40000.0"),
			BizLocation: pick("", "https://id.gs1.org/414/9521234000013/254/1"), ParentID: pick("", "https://id.gs1.org/00/095212340000000013"),
			EPCs: ids(), Quantities: qty(), InputEPCs: ids(), OutputEPCs: ids(), InputQuantities: qty(), OutputQuantities: qty(),
			BizTransactions: typed(), Sources: typed(), Destinations: typed(), ILMD: fields("cbvmda:", r.IntN(3)), Extensions: fields("tl:", r.IntN(4)),
			LedgerEventID: "6f1c0a52-1111-4222-8333-944455556666", Position: uint64(i)}
		if ms, ok := hashMembers(&ev); ok {
			if _, ok := eventhash.PreHashOfMembers(ev.Type, ms, hashPrefixes); ok {
				taken++
			}
		}
		got, err := HashID(&ev)
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		want, err := hashViaText(&ev)
		if err != nil || got != want {
			t.Fatalf("event %d %+v: from its members %s, read back %s (%v)", i, ev, got, want, err)
		}
	}
	// Each event is hashed straight from its members unless a value
	// stops it.
	if taken < 2900 {
		t.Errorf("only %d of 3000 events were hashed straight from their members", taken)
	}
}

// An event whose members would not be its decoded object's is not hashed
// from them: one captured as EPCIS, text that is not UTF-8, an extension
// that is an object, a name given twice, a name that could be one of the
// event's own keys.
func TestAnEventWhoseMembersWouldNotBeItsObjectIsNotHashedFromThem(t *testing.T) {
	cases := map[string]func(*query.EPCISEvent){
		"captured":  func(e *query.EPCISEvent) { e.Original = []byte(`{"type":"ObjectEvent"}`) },
		"not UTF-8": func(e *query.EPCISEvent) { e.EPCs = []string{"\xff"} },
		"an object": func(e *query.EPCISEvent) { e.Extensions = []query.EPCISField{{Name: "tl:x", Value: map[string]any{}}} },
		"a name twice": func(e *query.EPCISEvent) {
			e.ILMD = []query.EPCISField{{Name: "cbvmda:a", Value: "1"}, {Name: "cbvmda:a", Value: "2"}}
		},
		"an event's key": func(e *query.EPCISEvent) { e.Extensions = []query.EPCISField{{Name: "bizStep", Value: "x"}} },
		"an infinite size": func(e *query.EPCISEvent) {
			e.Quantities = []query.EPCISQuantity{{EPCClass: "x", Quantity: math.Inf(1)}}
		},
	}
	for name, change := range cases {
		ev := shipping()
		change(&ev)
		if _, ok := hashMembers(&ev); ok {
			t.Errorf("%s: hashed from its members", name)
		}
	}
	ev := shipping()
	if _, ok := hashMembers(&ev); !ok {
		t.Error("a plain shipping event was not hashed from its members")
	}
}
