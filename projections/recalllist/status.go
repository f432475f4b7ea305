package recalllist

import (
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// The statuses of a recall.
const (
	StatusOpen    = "open"
	StatusOverdue = "overdue"
	StatusClosed  = "closed"
)

// What an overdue recall missed.
const (
	MissedStartBy    = "start_by"
	MissedCompleteBy = "complete_by"
)

// status says where a recall stands at now:
//
//   - closed once recall.Closed is in the log;
//   - overdue when now is past complete_by and it is not closed, or past
//     start_by while units are still in stock or in transit and no unit
//     has been returned or destroyed nor any holder notified or
//     acknowledged the notice (the recall has not visibly started); overdueBy names the deadline missed;
//   - open otherwise.
//
// It is computed at query time: the fold has no clock.
func status(r *Recall, rows []query.RecallRow, now time.Time) (s, overdueBy string) {
	if r.Closed {
		return StatusClosed, ""
	}
	if t, err := time.Parse(time.RFC3339, r.CompleteBy); err == nil && now.After(t) {
		return StatusOverdue, MissedCompleteBy
	}
	if t, err := time.Parse(time.RFC3339, r.StartBy); err == nil && now.After(t) && r.Returns == 0 && len(r.Notified) == 0 && len(r.Acknowledged) == 0 {
		for _, row := range rows {
			if row.InStock+row.InTransit > 0 {
				return StatusOverdue, MissedStartBy
			}
		}
	}
	return StatusOpen, ""
}
