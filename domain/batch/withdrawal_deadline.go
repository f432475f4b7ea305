package batch

import (
	"time"

	"github.com/traceledger/traceledger/domain/calendar"
)

// Withdrawal deadlines, in Chinese working days (domain/calendar).
const (
	// WithdrawWithinWorkingDays is how long a holder has to withdraw
	// expired goods (from the end of the expiry date) or goods that failed
	// a market inspection there (from the inspection).
	WithdrawWithinWorkingDays = 3
	// OrderWithinWorkingDays is a withdrawal order's default term; an order
	// may give 1 to MaxOrderWorkingDays.
	OrderWithinWorkingDays = 3
	MaxOrderWorkingDays    = 30
)

// WithdrawBy is the instant n working days after t.
func WithdrawBy(t time.Time, n int) time.Time { return calendar.Working().AddWorkingDays(t, n).UTC() }

// ExpiredWithdrawBy is when expired goods must be off sale: the end of the
// WithdrawWithinWorkingDays-th working day after the expiry date (China
// time). ok is false for a malformed date.
func ExpiredWithdrawBy(expiresOn string) (time.Time, bool) {
	d, err := time.ParseInLocation(DateLayout, expiresOn, calendar.China)
	if err != nil {
		return time.Time{}, false
	}
	return WithdrawBy(d.Add(24*time.Hour-time.Second), WithdrawWithinWorkingDays), true
}

// ExpiredAt reports whether a batch expiring on expiresOn is expired at the
// instant now: its expiry date is before now's civil date in China. Goods
// sell on their expiry date itself.
func ExpiredAt(expiresOn string, now time.Time) bool {
	return expiresOn != "" && expiresOn < calendar.DayOf(now).String()
}
