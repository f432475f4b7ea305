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
	err = r.Start("r1", []recall.BatchKey{k, {GTIN: k.GTIN, Lot: "L2"}, k}, 1, "salmonella", "", recall.Plan{}, time.Now())
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
			Then(t, r, r.Close(c.by, recall.Totals{}), c.wantErr, recall.Closed{RecallID: "r1", Accounting: &recall.Accounting{}})
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
		When("start sets the level's deadlines", nil, func(r *recall.Recall) error { return r.Start("r1", keys, 1, "salmonella", "X", recall.Plan{}, at) }, nil, []event.Event{started}),
		When("a recall needs batches", nil, func(r *recall.Recall) error { return r.Start("r1", nil, 1, "x", "X", recall.Plan{}, at) }, domain.ErrInvalid, nil),
		When("a recall needs a reason", nil, func(r *recall.Recall) error { return r.Start("r1", keys, 1, " ", "X", recall.Plan{}, at) }, domain.ErrInvalid, nil),
		When("closing is refused while units are unaccounted", []event.Event{started}, func(r *recall.Recall) error { return r.Close(regulator, recall.Totals{InTransit: 3}) }, domain.ErrConflict, nil),
		When("close when all is accounted", []event.Event{started}, func(r *recall.Recall) error { return r.Close(regulator, recall.Totals{}) }, nil, []event.Event{recall.Closed{RecallID: "r1", Accounting: &recall.Accounting{}}}),
		When("closed once", []event.Event{started, recall.Closed{RecallID: "r1"}}, func(r *recall.Recall) error { return r.Close(regulator, recall.Totals{}) }, domain.ErrConflict, nil),
		When("unknown recall", nil, func(r *recall.Recall) error { return r.Close(regulator, recall.Totals{}) }, domain.ErrNotFound, nil),
	}
	Run(t, recall.Load, "recall-r1", cases)
}

// TestStartByRunsFromWhenTheHazardBecameKnown: a level-1 recall recorded on
// Monday of a hazard known since Sunday 10:00 must have started by Monday
// 10:00; complete_by still counts ten working days from the record.
func TestStartByRunsFromWhenTheHazardBecameKnown(t *testing.T) {
	at := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC) // Monday
	known := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	r := Loaded(t, recall.Load, "recall-r1")
	plan := recall.Plan{Hazard: "沙门氏菌", HazardKnownAt: known, Scope: "全国", Measures: "停止销售并退货", Contact: "400-000-0000"}
	k := []recall.BatchKey{{GTIN: "12312312312333", Lot: "L1"}}
	_, completeBy := recall.Level(1).Deadlines(at)
	Then(t, r, r.Start("r1", k, 1, "x", "", plan, at), nil, recall.Started{RecallID: "r1", Batches: k, Level: 1, Reason: "x",
		StartBy: "2026-11-23T10:00:00Z", CompleteBy: completeBy.Format(time.RFC3339), Hazard: "沙门氏菌",
		HazardKnownAt: "2026-11-22T10:00:00Z", Scope: "全国", Measures: "停止销售并退货", Contact: "400-000-0000"})
}

func TestTheHazardIsKnownNeitherInTheFutureNorYearsAgo(t *testing.T) {
	at := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	k := []recall.BatchKey{{GTIN: "12312312312333", Lot: "L1"}}
	for name, known := range map[string]time.Time{
		"after the ledger's time": at.Add(time.Minute),
		"more than a year before": at.Add(-recall.MaxHazardAge - time.Hour),
	} {
		t.Run(name, func(t *testing.T) {
			r := Loaded(t, recall.Load, "recall-r1")
			err := r.Start("r1", k, 1, "x", "", recall.Plan{HazardKnownAt: known}, at)
			Then(t, r, err, domain.ErrInvalid)
			var fe *domain.FieldError
			if !errors.As(err, &fe) || fe.Field != "hazard_known_at" {
				t.Fatalf("error %#v, want one naming hazard_known_at", err)
			}
		})
	}
}

// TestSoldUnitsKeepARecallOpenUntilAccounted: units sold to consumers are
// affected; the recall closes once consumers brought them back or a
// regulator accepted the public notice for them, and the closed event says
// how each unit was accounted for.
func TestSoldUnitsKeepARecallOpenUntilAccounted(t *testing.T) {
	started := recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: "12312312312333", Lot: "L1"}}, Level: 1, Reason: "x"}
	reg := access.Actor{Role: access.RoleRegulator}
	notice := recall.PublicNoticeAccepted{RecallID: "r1", Sold: 211, Notice: "公告 samr.gov.cn 2026-11-24"}
	cases := []struct {
		name    string
		given   []event.Event
		totals  recall.Totals
		wantErr error
		want    []event.Event
	}{
		{"sold units unaccounted", []event.Event{started}, recall.Totals{Sold: 211, Returned: 43}, domain.ErrConflict, nil},
		{"units still in stock", []event.Event{started, notice}, recall.Totals{InStock: 1, Sold: 211}, domain.ErrConflict, nil},
		{"every sold unit brought back", []event.Event{started}, recall.Totals{Returned: 200, Destroyed: 54}, nil,
			[]event.Event{recall.Closed{RecallID: "r1", Accounting: &recall.Accounting{Affected: 254, Returned: 200, Destroyed: 54}}}},
		{"sold units accounted by the public notice", []event.Event{started, notice}, recall.Totals{Sold: 211, Returned: 43}, nil,
			[]event.Event{recall.Closed{RecallID: "r1", Accounting: &recall.Accounting{Affected: 254, Returned: 43, SoldByPublicNotice: 211}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Loaded(t, recall.Load, "recall-r1", c.given...)
			Then(t, r, r.Close(reg, c.totals), c.wantErr, c.want...)
		})
	}
}

func TestOnlyARegulatorAcceptsThePublicNoticeOnceWhileOpen(t *testing.T) {
	const maker = "91310000MA1FL0000N"
	started := recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: "12312312312333", Lot: "L1"}}, Level: 1, Reason: "x", InitiatedByUSCC: maker}
	reg := access.Actor{Role: access.RoleRegulator}
	accepted := recall.PublicNoticeAccepted{RecallID: "r1", Sold: 7, Notice: "公告"}
	cases := []struct {
		name    string
		given   []event.Event
		by      access.Actor
		notice  string
		wantErr error
		want    []event.Event
	}{
		{"a regulator", []event.Event{started}, reg, " 公告 ", nil, []event.Event{accepted}},
		{"the initiator may not", []event.Event{started}, access.Actor{Role: access.RoleEnterprise, USCC: maker}, "公告", domain.ErrForbidden, nil},
		{"a notice is named", []event.Event{started}, reg, " ", domain.ErrInvalid, nil},
		{"once", []event.Event{started, accepted}, reg, "公告", domain.ErrConflict, nil},
		{"not after closing", []event.Event{started, recall.Closed{RecallID: "r1"}}, reg, "公告", domain.ErrConflict, nil},
		{"an unknown recall", nil, reg, "公告", domain.ErrNotFound, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Loaded(t, recall.Load, "recall-r1", c.given...)
			Then(t, r, r.AcceptPublicNotice(c.by, 7, c.notice), c.wantErr, c.want...)
		})
	}
}

func TestOnlyAHolderAcknowledgesAnOpenRecall(t *testing.T) {
	started := recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: "12312312312333", Lot: "L1"}}, Level: 1, Reason: "x"}
	cases := []struct {
		name    string
		given   []event.Event
		holds   bool
		wantErr error
	}{
		{"a holder of an open recall", []event.Event{started}, true, nil},
		{"an enterprise holding none of its units, answered as if it did not exist", []event.Event{started}, false, domain.ErrNotFound},
		{"a closed recall", []event.Event{started, recall.Closed{RecallID: "r1"}}, true, domain.ErrConflict},
		{"an unknown recall", nil, true, domain.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Loaded(t, recall.Load, "recall-r1", c.given...)
			Then(t, r, r.AcceptAcknowledgement(c.holds), c.wantErr)
		})
	}
}
