package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

func TestEveryDashboardPanelTakesTheDashboardFilters(t *testing.T) {
	f := newFixture(t, nil)
	engine := &fakeAnalytics{}
	f.srv.RouteAnalyticsFrom(query.NewDashboards(engine, atHead{}))
	china := time.FixedZone("UTC+8", 8*60*60)
	for _, path := range []string{"grades?", "top-risks?limit=5&", "risk-trend?", "recalls?"} {
		rec := f.do(t, http.MethodGet, "/api/v1/analytics/"+path+"region=%20%E4%B8%8A%E6%B5%B7&category=dairy&origin=NZ&from=2026-03-02&to=2026-03-02", anaToken, "")
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", path, rec.Code, rec.Body)
		}
		got := engine.filter
		if got.Region != "上海" || got.Category != "乳制品" || got.Origin != "NZ" {
			t.Errorf("%s asked %+v: want the region trimmed, the category by its catalogue name", path, got)
		}
		// The period means China days, for the panels that count events.
		if timed := path == "risk-trend?" || path == "recalls?"; timed != !got.Period.IsZero() ||
			timed && (!got.Period.From.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, china)) || !got.Period.To.Equal(time.Date(2026, 3, 3, 0, 0, 0, 0, china))) {
			t.Errorf("%s asked period %+v", path, got.Period)
		}
	}
	// The rates take them too: by category or origin country as a filter,
	// ranked by region or operator as the page's.
	if rec := f.do(t, http.MethodGet, "/api/v1/analytics/rates?by=category&region=%E4%B8%8A%E6%B5%B7&category=dairy&origin=NZ", anaToken, ""); rec.Code != http.StatusOK ||
		engine.filter.Region != "上海" || engine.filter.Category != "乳制品" || engine.filter.Origin != "NZ" {
		t.Errorf("rates by category: %d, asked %+v", rec.Code, engine.filter)
	}
	if rec := f.do(t, http.MethodGet, "/api/v1/analytics/rates?by=operator&category=dairy&origin=NZ", anaToken, ""); rec.Code != http.StatusOK ||
		engine.page.Category != "乳制品" || engine.page.Origin != "NZ" {
		t.Errorf("rates by operator: %d, asked %+v", rec.Code, engine.page)
	}
	for _, c := range []struct{ name, path, field string }{
		{"a region too long", "grades?region=" + strings.Repeat("区", 65), "region"},
		{"a category too long", "top-risks?category=" + strings.Repeat("x", 65), "category"},
		{"an origin too long", "recalls?origin=" + strings.Repeat("X", 9), "origin"},
		{"a malformed day", "risk-trend?from=2026-3-1", "from"},
		{"to before from", "recalls?from=2026-03-02&to=2026-03-01", "to"},
	} {
		t.Run(c.name, func(t *testing.T) {
			wantError(t, f.do(t, http.MethodGet, "/api/v1/analytics/"+c.path, anaToken, ""), 400, "invalid", c.field)
		})
	}
}
