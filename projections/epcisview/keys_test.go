package epcisview

import (
	"slices"
	"testing"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/runner/runnertest"
)

func TestTheModelListsIdentifiersInOrderAfterACursorWithoutClasses(t *testing.T) {
	p := runnertest.Fold(t, newModel(t), goods())
	all := func(*query.EPCISEvent) bool { return true }
	s1, s2 := "https://id.gs1.org/01/"+gtin+"/21/S1", "https://id.gs1.org/01/"+gtin+"/21/S2"
	if got := keys(t, p, query.EPCISKeyEPC, "", all, 10); !slices.Equal(got, []string{s1, s2}) {
		t.Fatalf("EPCs = %v, want the two items and not the batch's class", got)
	}
	if got := keys(t, p, query.EPCISKeyEPC, s1, all, 10); !slices.Equal(got, []string{s2}) {
		t.Fatalf("EPCs after S1 = %v, want S2", got)
	}
	if got := keys(t, p, query.EPCISKeyEPC, "", all, 1); !slices.Equal(got, []string{s1}) {
		t.Fatalf("one EPC = %v, want S1", got)
	}
	locs := keys(t, p, query.EPCISKeyBizLocation, "", all, 10)
	if len(locs) < 2 || !slices.IsSorted(locs) {
		t.Fatalf("business locations = %v, want the importer's and the shop's, sorted", locs)
	}
}

func TestTheModelListsOnlyIdentifiersOfVisibleEvents(t *testing.T) {
	p := runnertest.Fold(t, newModel(t), goods())
	// Only the events naming the shop: S1 is shipped to it, S2 never.
	shopOnly := func(ev *query.EPCISEvent) bool { return slices.Contains(ev.Enterprises, shop) }
	if got := keys(t, p, query.EPCISKeyEPC, "", shopOnly, 10); !slices.Equal(got, []string{"https://id.gs1.org/01/" + gtin + "/21/S1"}) {
		t.Fatalf("EPCs of the shop's events = %v, want S1 only", got)
	}
	if got := keys(t, p, query.EPCISKeyReadPoint, "", func(*query.EPCISEvent) bool { return false }, 10); len(got) != 0 {
		t.Fatalf("read points of no visible event = %v", got)
	}
}
