package query

import (
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain/calendar"
)

// Every from/to day filter of the API means a civil day in China
// (calendar.China), the ledger's day, whichever engine answers: a day as
// from is the instant that day starts there, a day as to the instant the
// next day starts (the day is included). Histories, directories and the
// dashboards all read their days through DayBound, so an event at
// 2026-03-01T17:00Z counts on 2026-03-02 everywhere.

// DayBound is the instant the day (YYYY-MM-DD) means as a from bound, or
// with end as a to bound.
func DayBound(day string, end bool) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, day, calendar.China)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a YYYY-MM-DD day", day)
	}
	if end {
		d = d.AddDate(0, 0, 1)
	}
	return d, nil
}

// DayOf is the civil day in China (YYYY-MM-DD) of the instant t: the day
// DayBound's bounds count t on.
func DayOf(t time.Time) string { return t.In(calendar.China).Format(time.DateOnly) }
