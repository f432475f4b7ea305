package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// fakeAnalytics answers every dashboard with fixed data from a made-up
// engine, records what it was asked and fails when told to.
type fakeAnalytics struct {
	fail  error
	asOf  time.Time
	limit int
	by    query.RateKey
	// period and page are what the rates by region or operator were asked.
	period query.RatePeriod
	page   query.RatePage
	// filter is what the last filtered dashboard was asked.
	filter query.DashboardFilter
}

func (f *fakeAnalytics) Enterprises(_ context.Context, df query.DashboardFilter) (query.EnterpriseSet, error) {
	f.filter = df
	if !df.Scoped() {
		return nil, f.fail
	}
	return query.EnterpriseSet{"91440100M00000001A": true}, f.fail
}

func (f *fakeAnalytics) RankedRates(_ context.Context, asOf time.Time, by query.RateKey, period query.RatePeriod, page query.RatePage) (query.Rates, error) {
	f.asOf, f.by, f.period, f.page = asOf, by, period, page
	return query.Rates{Source: "fake", AsOf: asOf, By: string(by), Groups: []query.RateGroup{{Key: "广东广州"}}}, f.fail
}

func (f *fakeAnalytics) Grades(_ context.Context, asOf time.Time, df query.DashboardFilter) (query.GradeDistribution, error) {
	f.asOf, f.filter = asOf, df
	return query.GradeDistribution{Source: "fake", AsOf: asOf, Grades: []query.GradeCount{{Grade: 1, Enterprises: 3}}}, f.fail
}

func (f *fakeAnalytics) TopRisks(_ context.Context, asOf time.Time, limit int, df query.DashboardFilter) (query.TopRisks, error) {
	f.asOf, f.limit, f.filter = asOf, limit, df
	// A name a spreadsheet would read as a formula, as an untrusted
	// registration may give.
	return query.TopRisks{Source: "fake", AsOf: asOf, Enterprises: []query.TopRisk{{USCC: "91440100M00000001A", Name: "=HYPERLINK(\"x\")", Grade: 3, Score: 0.5}}}, f.fail
}

func (f *fakeAnalytics) RiskTrend(_ context.Context, asOf time.Time, df query.DashboardFilter) (query.RiskTrend, error) {
	f.asOf, f.filter = asOf, df
	return query.RiskTrend{Source: "fake", AsOf: asOf, Months: []query.TrendMonth{{Month: "2026-03", Penalties: 2}}}, f.fail
}

func (f *fakeAnalytics) Rates(_ context.Context, asOf time.Time, by query.RateKey, df query.DashboardFilter) (query.Rates, error) {
	f.asOf, f.by, f.filter = asOf, by, df
	return query.Rates{Source: "fake", AsOf: asOf, By: string(by), Groups: []query.RateGroup{{Key: "food", UnitsSold: 9}}}, f.fail
}

func (f *fakeAnalytics) Recalls(_ context.Context, asOf time.Time, df query.DashboardFilter) (query.RecallDashboard, error) {
	f.asOf, f.filter = asOf, df
	return query.RecallDashboard{Source: "fake", AsOf: asOf, Levels: []query.RecallCounts{{Level: 1, Started: 1, Open: 1}}}, f.fail
}

// atHead is read models that have applied position 7.
type atHead struct{}

func (atHead) WaitFor(context.Context, uint64) error { return nil }
func (atHead) Position() uint64                      { return 7 }

func TestAnalyticsFromAnEngine(t *testing.T) {
	f := newFixture(t, nil)
	engine := &fakeAnalytics{}
	f.srv.RouteAnalyticsFrom(query.NewDashboards(engine, atHead{}))
	day := time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)

	for _, c := range []struct {
		path, token string
		check       func(t *testing.T, body map[string]any)
	}{
		{"/api/v1/analytics/grades?as_of=2026-03-07", anaToken, nil},
		{"/api/v1/analytics/top-risks?limit=3&as_of=2026-03-07", regToken, func(t *testing.T, _ map[string]any) {
			if engine.limit != 3 {
				t.Errorf("limit %d, want 3", engine.limit)
			}
		}},
		{"/api/v1/analytics/risk-trend?as_of=2026-03-07", anaToken, func(t *testing.T, b map[string]any) {
			if ms, _ := b["months"].([]any); len(ms) != 1 {
				t.Errorf("months %v", b["months"])
			}
		}},
		{"/api/v1/analytics/rates?by=origin_country&as_of=2026-03-07", anaToken, func(t *testing.T, b map[string]any) {
			if engine.by != query.ByOriginCountry || b["by"] != "origin_country" {
				t.Errorf("by %q, answer %v", engine.by, b["by"])
			}
		}},
		{"/api/v1/analytics/recalls?as_of=2026-03-07", regToken, nil},
	} {
		t.Run(c.path, func(t *testing.T) {
			engine.asOf = time.Time{}
			rec := f.do(t, http.MethodGet, c.path, c.token, "")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var body map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			if body["source"] != "fake" || body["as_of"] != "2026-03-07T00:00:00Z" || !engine.asOf.Equal(day) {
				t.Errorf("source %v, as_of %v, engine asked as of %v", body["source"], body["as_of"], engine.asOf)
			}
			if got := rec.Header().Get("X-Traceledger-Position"); got != "7" {
				t.Errorf("position header %q, want 7", got)
			}
			if c.check != nil {
				c.check(t, body)
			}
		})
	}

	for _, c := range []struct {
		name, path, token string
		status            int
		code, field       string
	}{
		{"rates without a key", "/api/v1/analytics/rates", anaToken, 400, "invalid", "by"},
		{"rates by an unknown key", "/api/v1/analytics/rates?by=brand", anaToken, 400, "invalid", "by"},
		{"a malformed as_of", "/api/v1/analytics/risk-trend?as_of=later", anaToken, 400, "invalid", "as_of"},
		{"an enterprise", "/api/v1/analytics/recalls", entToken, 403, "forbidden", ""},
		{"an admin", "/api/v1/analytics/risk-trend", admToken, 403, "forbidden", ""},
		{"no token", "/api/v1/analytics/rates?by=category", "", 401, "unauthorized", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			wantError(t, f.do(t, http.MethodGet, c.path, c.token, ""), c.status, c.code, c.field)
		})
	}

	engine.fail = errors.New("dial tcp 10.0.0.9:9000: connection refused")
	for _, path := range []string{"/api/v1/analytics/grades", "/api/v1/analytics/top-risks", "/api/v1/analytics/risk-trend",
		"/api/v1/analytics/rates?by=category", "/api/v1/analytics/recalls"} {
		t.Run("engine down "+path, func(t *testing.T) {
			e := wantError(t, f.do(t, http.MethodGet, path, anaToken, ""), 503, "unavailable", "")
			if e.Error.Message == "" || e.Error.Message == engine.fail.Error() {
				t.Errorf("message %q: want one that does not name the engine's internals", e.Error.Message)
			}
		})
	}
}
