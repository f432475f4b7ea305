package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

func TestRatesByRegionAndOperatorTakeAPeriodAndAPage(t *testing.T) {
	f := newFixture(t, nil)
	engine := &fakeAnalytics{}
	f.srv.RouteAnalyticsFrom(query.NewDashboards(engine, atHead{}))

	rec := f.do(t, http.MethodGet, "/api/v1/analytics/rates?by=region&from=2026-03-01&to=2026-05-31&after=20&limit=10", anaToken, "")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	// China days: from the start of 1 March to the start of 1 June, UTC+8.
	china := time.FixedZone("UTC+8", 8*60*60)
	want := query.RatePeriod{From: time.Date(2026, 3, 1, 0, 0, 0, 0, china), To: time.Date(2026, 6, 1, 0, 0, 0, 0, china)}
	if engine.by != query.ByRegion || !engine.period.From.Equal(want.From) || !engine.period.To.Equal(want.To) || engine.page != (query.RatePage{After: 20, Limit: 10}) {
		t.Errorf("asked by %q, period %v, page %+v", engine.by, engine.period, engine.page)
	}
	rec = f.do(t, http.MethodGet, "/api/v1/analytics/rates?by=operator", regToken, "")
	if rec.Code != http.StatusOK || engine.by != query.ByOperator || engine.period != (query.RatePeriod{}) || engine.page.Limit != 100 {
		t.Errorf("status %d, by %q, period %v, page %+v", rec.Code, engine.by, engine.period, engine.page)
	}

	rec = f.do(t, http.MethodGet, "/api/v1/analytics/rates?by=operator&region=%20%E6%B5%99%E6%B1%9F%20", anaToken, "")
	if rec.Code != http.StatusOK || engine.page.Region != "浙江" {
		t.Errorf("status %d, page %+v: want the region, trimmed", rec.Code, engine.page)
	}

	for _, c := range []struct{ name, path, field string }{
		{"a malformed from", "/api/v1/analytics/rates?by=region&from=March", "from"},
		{"to before from", "/api/v1/analytics/rates?by=operator&from=2026-05-01&to=2026-03-01", "to"},
		{"a limit too large", "/api/v1/analytics/rates?by=operator&limit=5000", "limit"},
		{"a region too long", "/api/v1/analytics/rates?by=operator&region=" + strings.Repeat("x", 65), "region"},
	} {
		t.Run(c.name, func(t *testing.T) {
			wantError(t, f.do(t, http.MethodGet, c.path, anaToken, ""), 400, "invalid", c.field)
		})
	}
	wantError(t, f.do(t, http.MethodGet, "/api/v1/analytics/rates?by=region", entToken, ""), 403, "forbidden", "")
}
