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
	cases := []struct {
		name    string
		given   []event.Event
		when    func(r *recall.Recall) error
		wantErr error
		want    []event.Event
	}{
		{"start sets the level's deadlines", nil, func(r *recall.Recall) error { return r.Start("r1", keys, 1, "salmonella", "X", at) }, nil, []event.Event{started}},
		{"a recall needs batches", nil, func(r *recall.Recall) error { return r.Start("r1", nil, 1, "x", "X", at) }, domain.ErrInvalid, nil},
		{"a recall needs a reason", nil, func(r *recall.Recall) error { return r.Start("r1", keys, 1, " ", "X", at) }, domain.ErrInvalid, nil},
		{"closing is refused while units are unaccounted", []event.Event{started}, func(r *recall.Recall) error { return r.Close(regulator, 3) }, domain.ErrConflict, nil},
		{"close when all is accounted", []event.Event{started}, func(r *recall.Recall) error { return r.Close(regulator, 0) }, nil, []event.Event{recall.Closed{RecallID: "r1"}}},
		{"closed once", []event.Event{started, recall.Closed{RecallID: "r1"}}, func(r *recall.Recall) error { return r.Close(regulator, 0) }, domain.ErrConflict, nil},
		{"unknown recall", nil, func(r *recall.Recall) error { return r.Close(regulator, 0) }, domain.ErrNotFound, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Loaded(t, recall.Load, "recall-r1", c.given...)
			Then(t, r, c.when(r), c.wantErr, c.want...)
		})
	}
}
