package trace

import (
	"reflect"
	"testing"
)

// A batch row reads back as it was written, every field and list set or
// empty.
func TestABatchRowReadsBackAsWritten(t *testing.T) {
	full := &Batch{GTIN: "06901234567892", Lot: "L1", Owner: "o", Origin: "FR", Imported: true, Quantity: -3, ProducedOn: "2026-01-01",
		ExpiresOn: "2026-07-01", RegisteredAt: 1 << 60, Moves: 7, Items: 9, Declarations: []string{"d1", "d2"},
		Clearance:   &Clearance{DeclarationNo: "d1", Decision: "released", Reason: "ok", At: 5},
		Inspections: []Inspection{{USCC: "u", Result: "fail", Findings: "f", At: 6}},
		Recalls:     []RecallRef{{RecallID: "r1", Level: 2, At: 7}, {RecallID: "r2", Level: 1, At: 8}},
		MadeFrom:    []Made{{TransformationID: "t", GTIN: "g", Lot: "l", Units: 4, By: "b", At: 9}},
		MadeInto:    []Made{{TransformationID: "t2", GTIN: "g2", Lot: "l2", Units: 1, By: "b2", At: 10}}}
	for _, b := range []*Batch{full, {GTIN: "06901234567892", Lot: "L2"}} {
		back, ok := decodeBatch(b.encode())
		if !ok || !reflect.DeepEqual(back, b) {
			t.Fatalf("read back %+v (%v), wrote %+v", back, ok, b)
		}
	}
	if _, ok := decodeBatch(full.encode()[:20]); ok {
		t.Fatal("a cut row read back")
	}
}
