package clickhouse

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/domain/shipment"
	"github.com/traceledger/traceledger/projections/runner"
)

const (
	owner    = "91310000MA1K000001"
	importer = "91310000MA1K000002"
	retailer = "91310000MA1K000003"
	gtin     = "06901234567892"
)

// The columns an event does not carry come from the events before it: the
// product's category and origin, the declaration's importer and port, the
// complaint's product, the batch's owner, the recall's initiator.
func TestEventsTableColumns(t *testing.T) {
	tb := NewEventsTable()
	at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	events := []event.Event{
		product.Registered{GTIN: gtin, Category: "infant_formula", OriginCountry: "NZ", OwnerUSCC: owner},
		product.BarcodeNotified{GTIN: gtin, NotifierUSCC: importer},
		product.CertificateRejected{GTIN: gtin, Reason: "bad barcode"},
		batch.Registered{GTIN: gtin, Lot: "L1", Quantity: 500, OwnerUSCC: importer, OriginCountry: "AU", Imported: true},
		customs.Declared{DeclarationNo: "D1", Port: "CNSHA", ImporterUSCC: importer, Lines: []customs.Line{
			{GTIN: gtin, Lot: "L1", Quantity: 300}, {GTIN: gtin, Lot: "L2", Quantity: 200}}},
		customs.Inspected{DeclarationNo: "D1", Result: "fail", Findings: "label"},
		customs.Rejected{DeclarationNo: "D1", Reason: "smuggling"},
		batch.Cleared{GTIN: gtin, Lot: "L1", DeclarationNo: "D1", Decision: "rejected"},
		shipment.Dispatched{ShipmentID: "S1", FromUSCC: importer, ToUSCC: retailer, Units: 7, Batches: []shipment.BatchKey{{GTIN: gtin, Lot: "L1"}}},
		batch.Received{GTIN: gtin, Lot: "L1", ShipmentID: "S1", ToUSCC: retailer, Units: batch.Units{Quantity: 7}},
		batch.Sold{GTIN: gtin, Lot: "L1", SellerUSCC: retailer, Channel: "online", Units: batch.Units{Serials: []string{"a", "b"}, Quantity: 3}},
		complaint.Filed{ComplaintID: "C1", GTIN: gtin, Lot: "L1", AgainstUSCC: retailer, Channel: "12315"},
		complaint.Resolved{ComplaintID: "C1", AgainstUSCC: retailer, Substantiated: true, Outcome: "refund"},
		recall.Started{RecallID: "R1", Batches: []recall.BatchKey{{GTIN: gtin, Lot: "L1"}}, Level: 2, InitiatedByUSCC: owner},
		batch.Recalled{GTIN: gtin, Lot: "L1", RecallID: "R1", Level: 2},
		enterprise.PenaltyImposed{USCC: retailer, Authority: "海关", AmountCNY: 50_000, Reason: "late"},
	}
	var rows [][]any
	for i, e := range events {
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		rec := event.Record{ID: uuid.New(), Stream: "s", Position: uint64(i + 1), Type: e.EventType(), Data: data,
			Metadata: event.Metadata{OccurredAt: at, RecordedAt: at.Add(time.Second)}}
		env, err := runner.Decode(rec)
		if err != nil {
			t.Fatal(err)
		}
		got := tb.Fold(env)
		if len(got) != 1 || len(got[0]) != len(eventColumns) {
			t.Fatalf("%s: %d rows of %d columns, want 1 of %d", e.EventType(), len(got), len(got[0]), len(eventColumns))
		}
		rows = append(rows, got[0])
	}
	col := func(row int, name string) any { return rows[row][slices.Index(eventColumns, name)] }
	cases := []struct {
		row    int
		column string
		want   any
	}{
		{0, "enterprise", owner}, {0, "category", "infant_formula"}, {0, "origin_country", "NZ"},
		{1, "enterprise", importer}, {1, "counterparty", owner},
		{2, "enterprise", owner}, {2, "counterparty", importer}, {2, "result", "rejected"},
		{3, "origin_country", "NZ"}, {3, "quantity", int64(500)}, {3, "category", "infant_formula"},
		{4, "enterprise", importer}, {4, "port", "CNSHA"}, {4, "quantity", int64(500)}, {4, "ref", "D1"},
		{5, "enterprise", importer}, {5, "port", "CNSHA"}, {5, "result", "fail"}, {5, "category", "infant_formula"},
		{6, "result", "rejected"}, {6, "reason", "smuggling"}, {6, "enterprise", importer},
		{7, "enterprise", importer}, {7, "port", "CNSHA"}, {7, "result", "rejected"},
		{8, "enterprise", importer}, {8, "counterparty", retailer}, {8, "quantity", int64(7)},
		{9, "enterprise", retailer}, {9, "counterparty", importer}, {9, "quantity", int64(7)},
		{10, "enterprise", retailer}, {10, "channel", "online"}, {10, "quantity", int64(5)},
		{12, "result", "substantiated"}, {12, "gtin", gtin}, {12, "category", "infant_formula"}, {12, "reason", "refund"},
		{13, "enterprise", owner}, {13, "level", uint8(2)}, {13, "ref", "R1"},
		{14, "enterprise", importer}, {14, "counterparty", owner}, {14, "level", uint8(2)},
		{15, "amount_cny", int64(50_000)}, {15, "authority", "海关"}, {15, "enterprise", retailer},
		{15, "position", uint64(16)}, {15, "type", "enterprise.penalty_imposed.v1"}, {15, "occurred_at", at},
	}
	for _, c := range cases {
		if got := col(c.row, c.column); got != c.want {
			t.Errorf("%s %s: got %#v, want %#v", events[c.row].EventType(), c.column, got, c.want)
		}
	}
	// Reset forgets the facts: a resolution alone no longer finds its product.
	tb.Reset()
	if got := tb.Fold(runner.Envelope{Event: events[12]})[0][slices.Index(eventColumns, "gtin")]; got != "" {
		t.Errorf("after Reset the complaint's product is %v", got)
	}
}

// Times outside DateTime's range are clamped instead of failing the insert.
func TestDateTimeClamps(t *testing.T) {
	if got := dateTime(time.Time{}); !got.Equal(time.Unix(0, 0)) {
		t.Errorf("zero time: %v", got)
	}
	if got := dateTime(time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)); got.Year() != 2105 {
		t.Errorf("2200: %v", got)
	}
	in := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("CST", 8*3600))
	if got := dateTime(in); !got.Equal(in) || got.Location() != time.UTC {
		t.Errorf("%v: %v", in, got)
	}
}
