package trace_test

import (
	"reflect"
	"testing"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/trace"
)

// TestHeldListsOnlyTheBatchesAnEnterpriseHoldsNowWithItsOwnTally: the
// distributor holds units in stock and on their way to a retailer; the
// second retailer, whose shipment was never received, holds nothing yet;
// an enterprise the ledger never saw holds nothing.
func TestHeldListsOnlyTheBatchesAnEnterpriseHoldsNowWithItsOwnTally(t *testing.T) {
	p := fed(t, scenario())
	want := []query.HeldBatch{{GTIN: gtin, Lot: lot, OwnerUSCC: imp, Imported: true, ExpiresOn: "2026-07-10",
		InStock: 32, InTransit: 13, Recalled: true, Recalls: []string{"r1"}}}
	if got := heldBy(t, p, dist); !reflect.DeepEqual(got, want) {
		t.Fatalf("distributor's stock\n got %+v\nwant %+v", got, want)
	}
	if got := heldBy(t, p, ret1); len(got) != 1 || got[0].InStock != 2 || got[0].Sold != 4 || got[0].Returned != 9 {
		t.Fatalf("retailer one's stock %+v: want 2 in stock, 4 sold, 9 returned", got)
	}
	if got := heldBy(t, p, ret2); len(got) != 0 {
		t.Fatalf("retailer two received nothing yet, yet holds %+v", got)
	}
	if got := heldBy(t, p, "91310000MA1K00009X"); got == nil || len(got) != 0 {
		t.Fatalf("an unknown enterprise holds %#v, want an empty list", got)
	}
}

// heldBy is what p.Held answers, failing the test when it cannot read it.
func heldBy(t *testing.T, p *trace.Projection, uscc string) []query.HeldBatch {
	t.Helper()
	got, err := p.Held(uscc)
	if err != nil {
		t.Fatal(err)
	}
	return got
}
