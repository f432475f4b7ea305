package search_test

import (
	"slices"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/search"
)

// builtWith folds the fixture and then the events more makes of its cast
// into an index in memory.
func builtWith(t *testing.T, more func(w world) []event.Event) (world, *search.Projection) {
	t.Helper()
	w, p := built(t)
	at := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	for i, e := range more(w) {
		if err := p.Apply([]runner.Envelope{envelope(t, uint64(1000+i), at, e)}); err != nil {
			t.Fatal(err)
		}
	}
	return w, p
}

// A product of a catalogue category is found by the category's code and
// English name as well as by the Chinese name it records.
func TestACatalogueCategoryIsFoundByCodeAndEnglishName(t *testing.T) {
	w, p := built(t)
	for _, q := range []string{"乳制品", "dairy", "Dairy products"} {
		if got := ids(find(t, p, search.Query{Text: q}).Hits); !slices.Contains(got, "product:"+w.milk) {
			t.Errorf("%q: %v, want the milk", q, got)
		}
	}
}

// A complaint case is found by the step it reached, in Chinese or English,
// and its verdict stays findable after the conclusion.
func TestAComplaintCaseIsFoundByTheStepItReached(t *testing.T) {
	const open = "0b6c1f3e-2d4a-4e5b-8c7d-9e0f1a2b3c4d"
	w, p := builtWith(t, func(w world) []event.Event {
		return []event.Event{
			complaint.Filed{ComplaintID: open, GTIN: w.oats, AgainstUSCC: w.guangzhou, Category: "变质", Severity: 1, Channel: "web"},
			complaint.Accepted{ComplaintID: open, AgainstUSCC: w.guangzhou, ConcludeBy: "2026-08-01"},
		}
	})
	accepted := ids(find(t, p, search.Query{Text: "已受理"}).Hits)
	if !slices.Contains(accepted, "complaint:"+open) || slices.Contains(accepted, "complaint:"+w.complaintID) {
		t.Errorf("已受理: %v, want the accepted case and not the concluded one", accepted)
	}
	for _, q := range []string{"已办结", "属实"} {
		if got := ids(find(t, p, search.Query{Text: q}).Hits); !slices.Contains(got, "complaint:"+w.complaintID) {
			t.Errorf("%q: %v, want the concluded, substantiated case", q, got)
		}
	}
}

// An amended record number finds the product, as the first one does.
func TestAnAmendedRecordNumberFindsTheProduct(t *testing.T) {
	w, p := builtWith(t, func(w world) []event.Event {
		return []event.Event{product.CertificateAmended{GTIN: w.oats, CertificateNo: "TB2026-000117", Version: 2, Reason: "备案号变更",
			Changes: []product.Change{{Field: "record_no", From: "BA2026000117", To: "BA2026000999"}}}}
	})
	if got := ids(find(t, p, search.Query{Text: "BA2026000999"}).Hits); len(got) == 0 || got[0] != "product:"+w.oats {
		t.Errorf("BA2026000999: %v, want the oats first", got)
	}
}
