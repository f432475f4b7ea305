package query

import (
	"context"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// UnrecordedJobs are the capture jobs that appended nothing to the ledger
// (a refused document, or one whose every event was captured before), as
// this server keeps them (adapters/capturejob): they are no events, so no
// read model folds them.
type UnrecordedJobs interface {
	Jobs() []CaptureJob
}

// UnrecordedCaptureSorts are the list's sort keys, the default first: the
// newest job first.
var UnrecordedCaptureSorts = []string{"-created", "created"}

// UnrecordedCaptures answers the capture jobs that appended nothing, with
// each event's fault: as the capture interface, regulators read every one,
// an enterprise those it captured (another's are absent, as everywhere).
type UnrecordedCaptures struct {
	book UnrecordedJobs
}

// NewUnrecordedCaptures lists the jobs of book. They are no events, so
// there is no read model to wait for.
func NewUnrecordedCaptures(book UnrecordedJobs) *UnrecordedCaptures {
	return &UnrecordedCaptures{book: book}
}

// List is a page of the unrecorded jobs rd's actor may read, sorted and
// paged by pg; failed keeps only the refused ones (with faults).
func (q *UnrecordedCaptures) List(_ context.Context, rd Read, failed bool, pg DirectoryPage) ([]CaptureJob, string, error) {
	if rd.Actor.Role != access.RoleRegulator && !rd.Actor.IsEnterprise() {
		return nil, "", domain.Forbidden("", "role_may_not_read_capture_jobs", "role %s may not read capture jobs", rd.Actor.Role)
	}
	var rows []CaptureJob
	for _, j := range q.book.Jobs() {
		if mayRead(rd.Actor, j.ActorUSCC) && (!failed || !j.Success) {
			rows = append(rows, j)
		}
	}
	created := func(j CaptureJob) sortKey { return sortKey{j.CreatedAt.UTC().Format(createdLayout), j.CaptureID} }
	if pg.Sort == "" {
		pg.Sort = UnrecordedCaptureSorts[0]
	}
	return pageSorted(rows, pg, []string{"created"}, map[string]func(CaptureJob) sortKey{"created": created})
}

// createdLayout writes a time at fixed width, so keys order as times do.
const createdLayout = "2006-01-02T15:04:05.000000000Z"

// Position is 0: the jobs are no events.
func (q *UnrecordedCaptures) Position() uint64 { return 0 }
