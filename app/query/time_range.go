package query

import "time"

// TimeRange keeps the rows dated at or after From and before To; a zero
// bound is open. The HTTP adapter reads a day's bounds as the ledger's
// other date filters do (a day in China time, the end day included).
type TimeRange struct {
	From, To time.Time
}

// Holds reports whether t is in the range.
func (r TimeRange) Holds(t time.Time) bool {
	return (r.From.IsZero() || !t.Before(r.From)) && (r.To.IsZero() || t.Before(r.To))
}
