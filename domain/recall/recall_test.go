package recall_test

import (
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
)

func TestARecallNamesEachBatchOnce(t *testing.T) {
	r, err := recall.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	k := recall.BatchKey{GTIN: "12312312312333", Lot: "L1"}
	err = r.Start("r1", []recall.BatchKey{k, {GTIN: k.GTIN, Lot: "L2"}, k}, 1, "salmonella", "", time.Now())
	Then(t, r, err, domain.ErrInvalid)
	var fe *domain.FieldError
	if !errors.As(err, &fe) || fe.Field != "batches[2]" {
		t.Fatalf("error %#v, want one naming batches[2]", err)
	}
}

func TestReturnsAreAcceptedOnlyWhileTheRecallIsOpen(t *testing.T) {
	started := recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: "12312312312333", Lot: "L1"}}, Level: 1, Reason: "x"}
	cases := []struct {
		name    string
		given   []event.Event
		wantErr error
	}{
		{"an open recall", []event.Event{started}, nil},
		{"a closed recall", []event.Event{started, recall.Closed{RecallID: "r1"}}, domain.ErrConflict},
		{"an unknown recall", nil, domain.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Loaded(t, recall.Load, "recall-r1", c.given...)
			Then(t, r, r.AcceptReturn(), c.wantErr)
		})
	}
}

func TestARecallIsClosedByARegulatorOrItsInitiator(t *testing.T) {
	const maker = "91310000MA1FL0000N"
	started := recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: "12312312312333", Lot: "L1"}}, Level: 1, Reason: "x", InitiatedByUSCC: maker}
	cases := []struct {
		name    string
		by      access.Actor
		wantErr error
	}{
		{"a regulator", access.Actor{Role: access.RoleRegulator}, nil},
		{"the initiator", access.Actor{Role: access.RoleEnterprise, USCC: maker}, nil},
		{"another enterprise, answered as if the recall did not exist", access.Actor{Role: access.RoleEnterprise, USCC: "91440300MA5DC0000X"}, domain.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Loaded(t, recall.Load, "recall-r1", started)
			Then(t, r, r.Close(c.by, 0), c.wantErr, recall.Closed{RecallID: "r1"})
		})
	}
}

func TestAnUnnamedQuantityBelongsToTheRecallsOnlyBatch(t *testing.T) {
	one := recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: "12312312312333", Lot: "L1"}}, Level: 1, Reason: "x"}
	two := one
	two.Batches = append(two.Batches, recall.BatchKey{GTIN: "12312312312333", Lot: "L2"})
	cases := []struct {
		name    string
		given   []event.Event
		wantErr error
		field   string
	}{
		{"one batch", []event.Event{one}, nil, ""},
		{"two batches", []event.Event{two}, domain.ErrInvalid, "gtin"},
		{"an unknown recall", nil, domain.ErrNotFound, "id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Loaded(t, recall.Load, "recall-r1", c.given...)
			k, err := r.SoleBatch()
			if c.wantErr == nil {
				if err != nil || k.Lot != "L1" {
					t.Fatalf("SoleBatch = %+v, %v; want L1", k, err)
				}
				return
			}
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("error = %v, want %v", err, c.wantErr)
			}
			var fe *domain.FieldError
			var re *domain.RuleError
			if (errors.As(err, &fe) && fe.Field != c.field) || (errors.As(err, &re) && re.Field != c.field) {
				t.Fatalf("error %#v, want one naming %s", err, c.field)
			}
		})
	}
}

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
