package withdrawal_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/runner/runnertest"
	"github.com/traceledger/traceledger/projections/withdrawal"
)

const (
	gtin, lot  = "03760123456784", "L1"
	shop, mart = "91440101MA59KB8X0R", "91330100MA2H8T0R08"
)

var t0 = time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC)

func folded(t *testing.T) *withdrawal.Projection {
	t.Helper()
	return runnertest.Fold(t, withdrawal.New(), runnertest.Envelopes(t0,
		batch.Registered{GTIN: gtin, Lot: lot, Quantity: 10, OwnerUSCC: mart, ExpiresOn: "2026-12-31"},
		batch.Inspected{GTIN: gtin, Lot: lot, EnterpriseUSCC: shop, Result: "fail", Findings: "mould"},
		batch.WithdrawalOrdered{GTIN: gtin, Lot: lot, OrderID: "O1", HolderUSCC: shop, Reason: "inspection_failed", Deadline: "2026-03-11"},
		batch.Inspected{GTIN: gtin, Lot: lot, EnterpriseUSCC: mart, Result: "fail", Findings: "mould"},
		batch.Inspected{GTIN: gtin, Lot: lot, EnterpriseUSCC: mart, Result: "pass"},
		batch.Withdrawn{GTIN: gtin, Lot: lot, HolderUSCC: shop, Reason: "ordered", OrderID: "O1", Units: batch.Units{Quantity: 4}},
		batch.Disposed{GTIN: gtin, Lot: lot, HolderUSCC: shop, Disposition: batch.DispositionDestroyed, Units: batch.Units{Quantity: 3}},
	))
}

// An answered order is no longer a duty, a passing re-inspection ends the
// duty of a failed one, and the list shows every order, withdrawal and
// disposal in log order, paged by position and filtered by holder.
func TestTheModelFollowsOrdersWithdrawalsAndReinspections(t *testing.T) {
	p := folded(t)
	if got := p.Withdrawn(gtin, lot, shop); got != 4 {
		t.Errorf("withdrawn at the shop = %d, want 4", got)
	}
	duties := p.Duties()
	if len(duties) != 1 || duties[0].HolderUSCC != shop || len(duties[0].Open) != 0 || duties[0].FailedAt.IsZero() {
		t.Errorf("duties %+v; want the shop's failed inspection only (its order answered, the mart re-inspected)", duties)
	}
	all := p.Entries(0, 10, func(string) bool { return true })
	if len(all) != 3 || all[0].Kind != "order" || all[1].Kind != "withdrawal" || all[2].Kind != "disposal" {
		t.Fatalf("entries %+v; want order, withdrawal, disposal", all)
	}
	if page := p.Entries(all[0].Position, 1, func(string) bool { return true }); len(page) != 1 || page[0].Kind != "withdrawal" {
		t.Errorf("the page after the order: %+v", page)
	}
	if none := p.Entries(0, 10, func(h string) bool { return h == mart }); len(none) != 0 {
		t.Errorf("the mart's entries: %+v; want none", none)
	}
}

// The model survives a snapshot and restore byte for byte.
func TestTheModelRestoresFromItsSnapshot(t *testing.T) {
	q := runnertest.RoundTrip(t, folded(t), withdrawal.New())
	if got := q.Withdrawn(gtin, lot, shop); got != 4 {
		t.Errorf("withdrawn after restore = %d, want 4", got)
	}
}

// Units withdrawn and disposed of have left the holder's stock; those not
// disposed of yet are still there, off sale.
func TestOnlyUnitsNotDisposedOfAreStillOffSaleInStock(t *testing.T) {
	p := folded(t)
	if got := p.OffSale(gtin, lot, shop); got != 1 {
		t.Errorf("off sale at the shop = %d, want 1 (4 withdrawn, 3 destroyed)", got)
	}
	if d := p.Duties(); len(d) != 1 || d[0].Withdrawn != 4 || d[0].OffSale != 1 {
		t.Errorf("duties %+v; want the shop's with 4 withdrawn, 1 off sale", d)
	}
}
