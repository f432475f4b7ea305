package analytics_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	chanalytics "github.com/traceledger/traceledger/adapters/clickhouse/analytics"
	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/risk"
)

// TestAnEventAtFiveInTheAfternoonUTCCountsOnTheNextChinaDay: an inspection
// and a recall at 2026-03-01T17:00Z (01:00 on 2 March in China) count on
// 2 March, not on 1 March, in the ranked rates and the recall dashboard of
// both engines, and each engine keeps them to the shop's region, category
// and origin alike.
func TestAnEventAtFiveInTheAfternoonUTCCountsOnTheNextChinaDay(t *testing.T) {
	const shop, gtin = "91310115M00000007G", "06901234567892"
	l := (&edgeLog{}).on(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)).add(
		enterprise.Registered{USCC: shop, Name: "上海丁店", Region: "上海"},
		product.Registered{GTIN: gtin, Name: "奶粉", Category: "乳制品", OriginCountry: "NZ", OwnerUSCC: shop})
	l.on(time.Date(2026, 3, 1, 17, 0, 0, 0, time.UTC)).add(
		batch.Inspected{GTIN: gtin, Lot: "L1", EnterpriseUSCC: shop, Result: "fail"},
		recall.Started{RecallID: "R1", Level: 2, InitiatedByUSCC: shop})
	srv := chtest.Start(t)
	conn, err := clickhouse.Open(t.Context(), srv.DSN)
	if err != nil {
		t.Fatalf("clickhouse open: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	fill(t, conn, l.envs, append([]clickhouse.Table{clickhouse.NewEventsTable()}, chanalytics.Tables()...))
	model, grades := analytics.New(), risk.New()
	if err := model.Apply(l.envs); err != nil {
		t.Fatal(err)
	}
	if err := grades.Apply(l.envs); err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	for _, engine := range []query.Analytics{analytics.Embedded{Risk: grades, Model: model}, chanalytics.NewSource(conn, risk.Embedded())} {
		for _, c := range []struct {
			day                   string
			filter                query.DashboardFilter
			inspections, recalled int64
			graded                int
		}{
			{day: "2026-03-02", inspections: 1, recalled: 1, graded: 1},
			{day: "2026-03-01", graded: 1},
			{day: "2026-03-02", filter: query.DashboardFilter{Region: "上海", Category: "dairy", Origin: "NZ"}, recalled: 1, graded: 1},
			{day: "2026-03-02", filter: query.DashboardFilter{Region: "北京"}},
			{day: "2026-03-02", filter: query.DashboardFilter{Category: "meat"}},
		} {
			p := period(t, c.day, c.day)
			r, err := engine.RankedRates(t.Context(), asOf, query.ByOperator, p, query.RatePage{Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if !c.filter.Scoped() {
				var got int64
				for _, g := range r.Groups {
					got += g.Inspections
				}
				if got != c.inspections {
					t.Errorf("%T, operators' inspections on %s: %d, want %d", engine, c.day, got, c.inspections)
				}
			}
			f := c.filter.Normalized()
			f.Period = p
			d, err := engine.Recalls(t.Context(), asOf, f)
			if err != nil {
				t.Fatal(err)
			}
			var started int64
			for _, lv := range d.Levels {
				started += lv.Started
			}
			if started != c.recalled {
				t.Errorf("%T, recalls started on %s kept by %+v: %d, want %d", engine, c.day, c.filter, started, c.recalled)
			}
			g, err := engine.Grades(t.Context(), asOf, f)
			if err != nil {
				t.Fatal(err)
			}
			var graded int
			for _, n := range g.Grades {
				graded += n.Enterprises
			}
			if graded != c.graded {
				t.Errorf("%T, grades kept by %+v: %d enterprises, want %d", engine, c.filter, graded, c.graded)
			}
		}
	}
}

// period is from..to, whole China days, as the API reads them.
func period(t *testing.T, from, to string) query.RatePeriod {
	t.Helper()
	f, err := query.DayBound(from, false)
	if err != nil {
		t.Fatal(err)
	}
	u, err := query.DayBound(to, true)
	if err != nil {
		t.Fatal(err)
	}
	return query.RatePeriod{From: f, To: u}
}
