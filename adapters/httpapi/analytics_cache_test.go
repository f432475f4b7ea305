package httpapi_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/risk"
)

// TestCachedGradesFollowTheLogPosition: the grade distribution served
// through the per-position cache equals the engine's own answer before and
// after an event that changes a grade, and a read at the event's position
// sees the new grade, not the cached one.
func TestCachedGradesFollowTheLogPosition(t *testing.T) {
	store := sqlitetest.Open(t)
	clock := time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC)
	cmds := command.NewHandlers(store, command.Options{Now: func() time.Time { return clock }})
	srv := newFixtureServer(t, store, cmds, riskMaker)
	model := risk.New()
	run := runModels(t, store, model)
	engine := analytics.Embedded{Risk: model}
	cache := query.NewCachedAnalytics(engine, run, 8)
	srv.RouteAnalytics(query.NewDashboards(cache, run))

	ctx := t.Context()
	var head uint64
	ok := func(out command.Outcome, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		head = max(head, out.Head())
		clock = clock.Add(time.Minute)
	}
	reg8r := access.Actor{Role: access.RoleRegulator}
	maker := access.Actor{Role: access.RoleEnterprise, USCC: riskMaker}
	ok(cmds.RegisterEnterprise(ctx, reg8r, command.RegisterEnterprise{USCC: riskMaker, Name: "Maker", Region: "440100", Roles: []string{"manufacturer"}}))
	ok(cmds.RegisterProduct(ctx, maker, command.RegisterProduct{GTIN: "6901234567892", Name: "Tea", Brand: "B", Spec: "250 g",
		Category: "snacks", OriginCountry: "CN", Manufacturer: "Maker", OwnerUSCC: riskMaker, ShelfLifeDays: 365}))
	ok(cmds.RegisterBatch(ctx, maker, command.RegisterBatch{GTIN: "6901234567892", Lot: "L1", Quantity: 100,
		ProducedOn: "2026-03-01", ExpiresOn: "2027-03-01", OwnerUSCC: riskMaker}))

	asOf := time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)
	grades := func(pos uint64) []query.GradeCount {
		t.Helper()
		rec := readAt(t, srv, "/api/v1/analytics/grades?as_of=2026-03-07", anaToken, pos)
		if rec.Code != 200 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		var a query.GradeDistribution
		if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		want, err := engine.Grades(ctx, asOf, query.DashboardFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if !a.AsOf.Equal(asOf) || len(a.Grades) != len(want.Grades) {
			t.Fatalf("cached answer %+v, engine's %+v", a, want)
		}
		for i := range want.Grades {
			if a.Grades[i] != want.Grades[i] {
				t.Fatalf("cached grades %+v, engine's %+v", a.Grades, want.Grades)
			}
		}
		return a.Grades
	}
	before := grades(head)
	if before[0].Enterprises != 1 || before[3].Enterprises != 0 {
		t.Fatalf("before the recall %+v, want the maker in grade 1", before)
	}
	if again := grades(head); again[0] != before[0] || cache.Len() != 1 {
		t.Fatalf("a repeated read %+v, %d answers kept", again, cache.Len())
	}
	// An ordered level-1 recall puts the maker in grade 4.
	ok(cmds.StartRecall(ctx, reg8r, command.StartRecall{Batches: []command.BatchRef{{GTIN: "6901234567892", Lot: "L1"}}, Level: 1,
		Reason: "foreign matter", InitiatedByUSCC: riskMaker}))
	after := grades(head)
	if after[0].Enterprises != 0 || after[3].Enterprises != 1 {
		t.Fatalf("at the recall's position %+v, want the maker in grade 4", after)
	}
}
