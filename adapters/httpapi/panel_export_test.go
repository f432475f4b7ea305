package httpapi_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/traceledger/traceledger/app/query"
)

func TestADashboardPanelDownloadsAsXLSXWithHeadersInTheAskedLanguageAndItsFilters(t *testing.T) {
	f := newFixture(t, nil)
	f.srv.RouteAnalyticsFrom(query.NewDashboards(&fakeAnalytics{}, atHead{}))
	rec := f.do(t, http.MethodGet, "/api/v1/analytics/top-risks?format=xlsx&lang=en&region=%E4%B8%8A%E6%B5%B7&limit=5", anaToken, "")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Disposition"), "dashboard-top-risks.xlsx") {
		t.Fatalf("status %d, %v: %s", rec.Code, rec.Header(), rec.Body)
	}
	x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatalf("the XLSX does not open: %v", err)
	}
	defer x.Close()
	rows, err := x.GetRows("Data")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || strings.Join(rows[0], "|") != "Enterprise|USCC|Grade|Blacklisted|Risk score" {
		t.Fatalf("data sheet %q", rows)
	}
	if rows[1][0] != `'=HYPERLINK("x")` {
		t.Errorf("a formula-looking name is %q, want it neutralised with an apostrophe", rows[1][0])
	}
	if fs, _ := x.GetCellFormula("Data", "A2"); fs != "" {
		t.Errorf("cell A2 holds a formula %q", fs)
	}
	filters, err := x.GetRows("Filters")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range filters[1:] {
		got[r[0]] = r[1]
	}
	if got["Region"] != "上海" || got["Limit"] != "5" || got["Exported at"] == "" {
		t.Errorf("filters sheet %q: want the region, the limit and the export's time", filters)
	}

	rec = f.do(t, http.MethodGet, "/api/v1/analytics/grades?format=csv", anaToken, "")
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.HasPrefix(body, "\ufeff等级,企业数\r\n") || strings.Count(body, "\r\n") != 2 {
		t.Errorf("CSV in Chinese by default: %d %q", rec.Code, body)
	}
	for _, c := range []struct{ path, field string }{
		{"grades?format=pdf", "format"},
		{"grades?format=xlsx&lang=fr", "lang"},
	} {
		wantError(t, f.do(t, http.MethodGet, "/api/v1/analytics/"+c.path, anaToken, ""), 400, "invalid", c.field)
	}
}
