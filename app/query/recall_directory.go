package query

import (
	"context"
	"strconv"
	"time"

	"github.com/traceledger/traceledger/domain"
)

// RecallFilter selects recalls: each set field must match. Status is
// open, overdue or closed as of the query's time; Level 1 to 3; Initiator
// the USCC of the enterprise answering for the recall.
type RecallFilter struct {
	Level     int
	Status    string
	Initiator string
	// Started keeps the recalls started in the range.
	Started TimeRange
}

// RecallSorts are the recall list's sort keys, the default first.
var RecallSorts = []string{"started", "level", "complete_by"}

// List is a page of the recalls rd's actor may see that match f, each as
// much as it may see (see All), sorted and paged by pg.
func (q *Recalls) List(ctx context.Context, rd Read, f RecallFilter, pg DirectoryPage, now time.Time) ([]RecallList, string, error) {
	switch f.Status {
	case "", "open", "overdue", "closed":
	default:
		return nil, "", domain.Invalid("status", "want_open_overdue_or_closed", "%q: want open, overdue or closed", f.Status)
	}
	if f.Level != 0 && (f.Level < 1 || f.Level > 3) {
		return nil, "", domain.Invalid("level", "want_1_2_or_3_2", "%d: want 1, 2 or 3", f.Level)
	}
	all, err := q.All(ctx, rd, now)
	if err != nil {
		return nil, "", err
	}
	var rows []RecallList
	for _, l := range all {
		if (f.Level != 0 && l.Level != f.Level) || (f.Status != "" && l.Status != f.Status) || (f.Initiator != "" && l.InitiatedBy != f.Initiator) ||
			!f.Started.Holds(l.StartedAt) {
			continue
		}
		rows = append(rows, l)
	}
	return pageSorted(rows, pg, RecallSorts, map[string]func(RecallList) sortKey{
		"started":     func(l RecallList) sortKey { return sortKey{timeKey(l.StartedAt), l.RecallID} },
		"level":       func(l RecallList) sortKey { return sortKey{strconv.Itoa(l.Level), l.RecallID} },
		"complete_by": func(l RecallList) sortKey { return sortKey{rfc3339Key(l.CompleteBy), l.RecallID} },
	})
}

// timeKey is a time as a sort key that orders as the time does (UTC, fixed
// width, nanoseconds).
func timeKey(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z") }

// rfc3339Key is an RFC 3339 time as a sort key (the text itself when it
// does not parse, so the order stays total).
func rfc3339Key(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return timeKey(t)
	}
	return s
}
