package alert_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/alert"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
	"github.com/traceledger/traceledger/projections/withdrawal"
)

// withdrawalModels folds events, each at its time, into the trace and
// withdrawal models.
func withdrawalModels(evs []event.Event, at []time.Time) (*trace.Projection, *withdrawal.Projection) {
	tr, w := trace.New(), withdrawal.New()
	envs := make([]runner.Envelope, len(evs))
	for i, ev := range evs {
		envs[i].Event, envs[i].Position, envs[i].Type = ev, uint64(i+1), ev.EventType()
		envs[i].Metadata.OccurredAt = at[i]
	}
	tr.Apply(envs)
	w.Apply(envs)
	return tr, w
}

type dutyRow struct {
	kind, sev, lot, uscc, reason string
	units                        int64
	overdue                      bool
}

func duties(t *testing.T, evs []event.Event, at []time.Time) []dutyRow {
	t.Helper()
	tr, w := withdrawalModels(evs, at)
	var out []dutyRow
	for _, a := range report(t, alert.New(tr, nil, nil).WithWithdrawals(w), now, 0, nil).Alerts {
		if a.Kind == alert.KindWithdrawalDue || a.Kind == alert.KindExpired {
			if a.Kind == alert.KindWithdrawalDue && (a.Due == "" || a.Message == "") {
				t.Errorf("a withdrawal duty without a deadline or message: %+v", a)
			}
			out = append(out, dutyRow{a.Kind, a.Severity, a.Lot, a.USCC, a.Reason, a.Units, a.Overdue})
		}
	}
	return out
}

// atShop puts 30 units of lot at the retailer, expiring on expires.
func atShop(lot, expires string) []event.Event {
	return []event.Event{reg(lot, expires, 30, false),
		batch.Shipped{GTIN: g, Lot: lot, ShipmentID: "s-" + lot, FromUSCC: own, ToUSCC: ret, Waybill: "W", Units: batch.Units{Quantity: 30}},
		batch.Received{GTIN: g, Lot: lot, ShipmentID: "s-" + lot, ToUSCC: ret}}
}

func times(n int, at time.Time) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = at
	}
	return out
}

func TestAWithdrawalClearsTheExpiredStockAlertAndItsDuty(t *testing.T) {
	evs := atShop("OLD", "2026-11-01")
	got := duties(t, evs, times(len(evs), now.AddDate(0, -2, 0)))
	want := []dutyRow{
		{alert.KindExpired, "high", "OLD", ret, "", 30, false},
		{alert.KindWithdrawalDue, "high", "OLD", ret, batch.ReasonExpired, 30, true},
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("before the withdrawal\n got %+v\nwant %+v", got, want)
	}
	evs = append(evs, batch.Withdrawn{GTIN: g, Lot: "OLD", HolderUSCC: ret, Reason: batch.ReasonExpired, Units: batch.Units{Quantity: 30}})
	if got := duties(t, evs, times(len(evs), now.AddDate(0, -2, 0))); len(got) != 0 {
		t.Fatalf("after the withdrawal: %+v", got)
	}
}

func TestAFailedInspectionRaisesAWithdrawalDutyOverdueAfterThreeWorkingDays(t *testing.T) {
	evs := append(atShop("BAD", "2027-06-01"), batch.Inspected{GTIN: g, Lot: "BAD", EnterpriseUSCC: ret, Result: "fail", Findings: "x"})
	at := times(len(evs), now.AddDate(0, -1, 0))
	at[len(at)-1] = now.Add(-24 * time.Hour) // Monday 30 November: due 3 December
	if got := duties(t, evs, at); len(got) != 1 || got[0] != (dutyRow{alert.KindWithdrawalDue, "medium", "BAD", ret, batch.ReasonInspectionFailed, 30, false}) {
		t.Fatalf("a day after the inspection: %+v", got)
	}
	at[len(at)-1] = now.AddDate(0, 0, -10)
	if got := duties(t, evs, at); len(got) != 1 || !got[0].overdue || got[0].sev != "high" {
		t.Fatalf("ten days after the inspection: %+v", got)
	}
	passed := append(evs, batch.Inspected{GTIN: g, Lot: "BAD", EnterpriseUSCC: ret, Result: "pass"})
	if got := duties(t, passed, append(at, now.Add(-time.Hour))); len(got) != 0 {
		t.Fatalf("after a passing re-inspection: %+v", got)
	}
	withdrawn := append(evs, batch.Withdrawn{GTIN: g, Lot: "BAD", HolderUSCC: ret, Reason: batch.ReasonInspectionFailed, Units: batch.Units{Quantity: 30}})
	if got := duties(t, withdrawn, append(at, now.Add(-time.Hour))); len(got) != 0 {
		t.Fatalf("after the withdrawal: %+v", got)
	}
}

func TestAnOpenWithdrawalOrderIsADutyUntilAnswered(t *testing.T) {
	order := batch.WithdrawalOrdered{GTIN: g, Lot: "ORD", OrderID: "o1", HolderUSCC: ret, Reason: batch.ReasonUncertified, Deadline: "2026-11-30T08:00:00Z"}
	evs := append(atShop("ORD", "2027-06-01"), order)
	at := times(len(evs), now.AddDate(0, 0, -5))
	if got := duties(t, evs, at); len(got) != 1 || got[0] != (dutyRow{alert.KindWithdrawalDue, "high", "ORD", ret, batch.ReasonUncertified, 30, true}) {
		t.Fatalf("an order past its deadline: %+v", got)
	}
	evs = append(evs, batch.Withdrawn{GTIN: g, Lot: "ORD", HolderUSCC: ret, Reason: batch.ReasonOrdered, OrderID: "o1", Units: batch.Units{Quantity: 10}})
	if got := duties(t, evs, append(at, now.Add(-time.Hour))); len(got) != 0 {
		t.Fatalf("after the answer: %+v", got)
	}
}

func TestAnOpenOrderSupersedesTheExpiredStockDuty(t *testing.T) {
	order := batch.WithdrawalOrdered{GTIN: g, Lot: "OLD", OrderID: "o1", HolderUSCC: ret, Reason: batch.ReasonExpired, Deadline: "2026-12-03T08:00:00Z"}
	evs := append(atShop("OLD", "2026-11-01"), order)
	got := duties(t, evs, times(len(evs), now.AddDate(0, -2, 0)))
	want := []dutyRow{
		{alert.KindExpired, "high", "OLD", ret, "", 30, false},
		{alert.KindWithdrawalDue, "medium", "OLD", ret, batch.ReasonExpired, 30, false},
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("with an order due on 3 December\n got %+v\nwant %+v", got, want)
	}
}

// Disposed units have left the stock: what the holder did not withdraw is
// still expired stock on sale after it disposed of the rest.
func TestUnitsNotWithdrawnStillRaiseTheExpiredAlertAfterADisposal(t *testing.T) {
	evs := append(atShop("OLD", "2026-11-01"),
		batch.Withdrawn{GTIN: g, Lot: "OLD", HolderUSCC: ret, Reason: batch.ReasonExpired, Units: batch.Units{Quantity: 20}},
		batch.Disposed{GTIN: g, Lot: "OLD", HolderUSCC: ret, Disposition: batch.DispositionDestroyed, Units: batch.Units{Quantity: 20}})
	got := duties(t, evs, times(len(evs), now.AddDate(0, -2, 0)))
	want := []dutyRow{
		{alert.KindExpired, "high", "OLD", ret, "", 10, false},
		{alert.KindWithdrawalDue, "high", "OLD", ret, batch.ReasonExpired, 10, true},
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("after withdrawing 20 of 30 units and destroying them\n got %+v\nwant %+v", got, want)
	}
}
