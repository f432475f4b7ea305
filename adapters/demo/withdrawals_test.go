package demo_test

import (
	"testing"

	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/calendar"
)

// TestDemoWithdrawsFailedAndExpiredGoodsAndSellsNone checks the withdrawal
// story: holders withdraw goods that failed inspection or expired, some
// under a regulator's order, some dispose of them; no sale follows a failed
// inspection at the seller without a passing one, and no expired batch is
// sold.
func TestDemoWithdrawsFailedAndExpiredGoodsAndSellsNone(t *testing.T) {
	sum, recs := run(t, demo.Options{Items: 3000, Seed: 1, Workers: 4})
	reasons := map[string]int{}
	types := map[string]int{}
	answered := map[string]bool{}
	for name, rs := range byStream(recs) {
		var reg batch.Registered
		failed := map[string]bool{}
		for _, r := range rs {
			types[r.Type]++
			switch r.Type {
			case batch.TypeRegistered:
				reg = decode[batch.Registered](t, r)
			case batch.TypeInspected:
				in := decode[batch.Inspected](t, r)
				failed[in.EnterpriseUSCC] = in.Result == "fail"
			case batch.TypeWithdrawn:
				w := decode[batch.Withdrawn](t, r)
				reasons[w.Reason]++
				answered[w.OrderID] = true
			case batch.TypeSold:
				s := decode[batch.Sold](t, r)
				if failed[s.SellerUSCC] {
					t.Errorf("%s v%d: %s sold after a failed inspection there", name, r.Version, s.SellerUSCC)
				}
				if day := calendar.DayOf(r.Metadata.OccurredAt).String(); day > reg.ExpiresOn {
					t.Errorf("%s v%d: sold on %s, after expiry on %s", name, r.Version, day, reg.ExpiresOn)
				}
			}
		}
	}
	for _, c := range []struct {
		what      string
		sum, held int
	}{
		{"withdrawal orders", sum.WithdrawalOrders, types[batch.TypeWithdrawalOrdered]},
		{"withdrawals", sum.Withdrawals, types[batch.TypeWithdrawn]},
		{"disposals", sum.Disposals, types[batch.TypeDisposed]},
	} {
		if c.sum != c.held || c.held == 0 {
			t.Errorf("%s: summary says %d, the ledger holds %d; want some", c.what, c.sum, c.held)
		}
	}
	for _, r := range []string{batch.ReasonExpired, batch.ReasonInspectionFailed, batch.ReasonOrdered} {
		if reasons[r] == 0 {
			t.Errorf("no withdrawal for reason %s: %v", r, reasons)
		}
	}
	if open := sum.WithdrawalOrders - (len(answered) - 1); open <= 0 {
		t.Errorf("every one of %d orders is answered: want some open", sum.WithdrawalOrders)
	}
}
