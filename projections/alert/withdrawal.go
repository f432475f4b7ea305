package alert

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/calendar"
	"github.com/traceledger/traceledger/projections/withdrawal"
)

// KindWithdrawalDue is the prompt to withdraw goods from sale
// (应当退市有问题商品的自动提示): a holder has stock of an expired batch, of
// a batch that failed market inspection there, or of a batch a regulator
// ordered it to withdraw. Due is the deadline (Chinese working days);
// Overdue once it has passed. A withdrawal of the stock clears it.
const KindWithdrawalDue = "withdrawal_due"

// Withdrawals is what alerts read of the withdrawal model;
// *withdrawal.Projection implements it.
type Withdrawals interface {
	OffSale(gtin, lot, holder string) int64
	Duties() []withdrawal.Duty
}

// WithWithdrawals has the engine read withdrawals: an expired-stock alert
// counts only units not withdrawn, and withdrawal duties are raised.
func (e *Engine) WithWithdrawals(w Withdrawals) *Engine {
	e.withdrawals = w
	return e
}

// unwithdrawn is what of t's units (in stock or in transit) the holder has
// not withdrawn. Withdrawn units stay in the holder's stock tally until
// disposed of; disposed units have left it.
func (e *Engine) unwithdrawn(gtin, lot string, t batch.Tally) int64 {
	n := t.InStock + t.InTransit
	if e.withdrawals != nil {
		n = max(t.InStock-e.withdrawals.OffSale(gtin, lot, t.USCC), 0) + t.InTransit
	}
	return n
}

// withdrawalDuties raises the alerts of what holders must withdraw: one per
// open order, and, for a holder and batch without one, one for expired
// stock or stock that failed inspection there (an order supersedes them:
// its deadline is the one that counts).
func (e *Engine) withdrawalDuties(ctx context.Context, now time.Time, name func(string) string) ([]query.Alert, error) {
	if e.withdrawals == nil {
		return nil, nil
	}
	var out []query.Alert
	raise := func(gtin, lot, holder string, units int64, reason, orderID string, due time.Time, why string) {
		overdue := now.After(due)
		sev := SeverityMedium
		if overdue {
			sev = SeverityHigh
		}
		out = append(out, query.Alert{Kind: KindWithdrawalDue, Severity: sev, GTIN: gtin, Lot: lot, USCC: holder, Name: name(holder), Units: units,
			Due: due.UTC().Format(time.RFC3339), Reason: reason, OrderID: orderID, Overdue: overdue,
			Message: fmt.Sprintf("%d units of batch %s/%s must be withdrawn from sale by %s: %s", units, gtin, lot, calendar.DayOf(due), why)})
	}
	duties := e.withdrawals.Duties()
	ordered := map[[3]string]bool{}
	for _, d := range duties {
		if len(d.Open) > 0 {
			ordered[[3]string{d.GTIN, d.Lot, d.HolderUSCC}] = true
		}
	}
	expired, err := e.stock.ExpiringBy(now.Format(batch.DateLayout))
	if err != nil {
		return nil, fmt.Errorf("expired stock: %w", err)
	}
	for _, s := range expired {
		if !batch.ExpiredAt(s.ExpiresOn, now) {
			continue
		}
		due, ok := batch.ExpiredWithdrawBy(s.ExpiresOn)
		if !ok {
			continue
		}
		for _, t := range s.Holders {
			if ordered[[3]string{s.GTIN, s.Lot, t.USCC}] {
				continue
			}
			if n := max(t.InStock-e.withdrawals.OffSale(s.GTIN, s.Lot, t.USCC), 0); n > 0 {
				raise(s.GTIN, s.Lot, t.USCC, n, batch.ReasonExpired, "", due, "the batch expired on "+s.ExpiresOn)
			}
		}
	}
	for _, d := range duties {
		ts, _, err := e.stock.Tallies(ctx, d.GTIN, d.Lot)
		if err != nil {
			return nil, fmt.Errorf("alerts: withdrawal duty of %s/%s: %w", d.GTIN, d.Lot, err)
		}
		var n int64
		for _, t := range ts {
			if t.USCC == d.HolderUSCC {
				n = max(t.InStock-d.OffSale, 0)
			}
		}
		if n == 0 {
			continue
		}
		if !d.FailedAt.IsZero() && len(d.Open) == 0 {
			raise(d.GTIN, d.Lot, d.HolderUSCC, n, batch.ReasonInspectionFailed, "", batch.WithdrawBy(d.FailedAt, batch.WithdrawWithinWorkingDays),
				"the batch failed market inspection here on "+calendar.DayOf(d.FailedAt).String())
		}
		for _, o := range d.Open {
			due, err := time.Parse(time.RFC3339, o.Deadline)
			if err != nil {
				continue
			}
			raise(d.GTIN, d.Lot, d.HolderUSCC, n, o.Reason, o.OrderID, due, "a regulator ordered the withdrawal ("+o.Reason+")")
		}
	}
	return out, nil
}
