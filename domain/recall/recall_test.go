package recall_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
)

var regulator = access.Actor{Role: access.RoleRegulator}

func TestRecall(t *testing.T) {
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	keys := []recall.BatchKey{{GTIN: "12312312312333", Lot: "L1"}}
	started := recall.Started{RecallID: "r1", Batches: keys, Level: 1, Reason: "salmonella", InitiatedByUSCC: "X",
		StartBy: "2026-11-21T10:00:00Z", CompleteBy: "2026-12-04T10:00:00Z"}
	cases := []Case[*recall.Recall]{
		When("start sets the level's deadlines", nil, func(r *recall.Recall) error { return r.Start("r1", keys, 1, "salmonella", "X", at) }, nil, []event.Event{started}),
		When("a recall needs batches", nil, func(r *recall.Recall) error { return r.Start("r1", nil, 1, "x", "X", at) }, domain.ErrInvalid, nil),
		When("a recall needs a reason", nil, func(r *recall.Recall) error { return r.Start("r1", keys, 1, " ", "X", at) }, domain.ErrInvalid, nil),
		When("closing is refused while units are unaccounted", []event.Event{started}, func(r *recall.Recall) error { return r.Close(regulator, 3) }, domain.ErrConflict, nil),
		When("close when all is accounted", []event.Event{started}, func(r *recall.Recall) error { return r.Close(regulator, 0) }, nil, []event.Event{recall.Closed{RecallID: "r1"}}),
		When("closed once", []event.Event{started, recall.Closed{RecallID: "r1"}}, func(r *recall.Recall) error { return r.Close(regulator, 0) }, domain.ErrConflict, nil),
		When("unknown recall", nil, func(r *recall.Recall) error { return r.Close(regulator, 0) }, domain.ErrNotFound, nil),
	}
	Run(t, recall.Load, "recall-r1", cases)
}
