package httpapi_test

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/alert"
)

type alertPage struct {
	Alerts []query.Alert `json:"alerts"`
	Total  int           `json:"total"`
	Next   *string       `json:"next"`
}

// TestAlertsFilterByKindAndSeverityAndPage: the alerts keep the kinds and
// severities asked for, count them, and page with after/limit/next to the
// same list in the same order.
func TestAlertsFilterByKindAndSeverityAndPage(t *testing.T) {
	c := newChain(t)
	c.returns()
	const asOf = "&as_of=2027-09-16"
	var all alertPage
	c.getJSON("/api/v1/alerts?expiry_days=30"+asOf, regToken, &all)
	if all.Total != 5 || len(all.Alerts) != 5 || all.Next != nil {
		t.Fatalf("every alert: total %d, %d alerts, next %v", all.Total, len(all.Alerts), all.Next)
	}
	var paged []query.Alert
	after := "0"
	for range 10 {
		var pg alertPage
		c.getJSON("/api/v1/alerts?expiry_days=30&limit=2&after="+after+asOf, regToken, &pg)
		if pg.Total != 5 || len(pg.Alerts) > 2 {
			t.Fatalf("a page: total %d, %d alerts", pg.Total, len(pg.Alerts))
		}
		paged = append(paged, pg.Alerts...)
		if pg.Next == nil {
			break
		}
		after = url.QueryEscape(*pg.Next)
	}
	if !reflect.DeepEqual(paged, all.Alerts) {
		t.Fatalf("pages hold %+v\nthe whole list %+v", paged, all.Alerts)
	}
	var near alertPage
	c.getJSON("/api/v1/alerts?expiry_days=30&kind="+alert.KindNearExpiry+asOf, regToken, &near)
	if near.Total != 2 || len(near.Alerts) != 2 || near.Alerts[0].Kind != alert.KindNearExpiry || near.Alerts[1].Kind != alert.KindNearExpiry {
		t.Fatalf("near expiry only: %+v", near)
	}
	var two alertPage
	c.getJSON("/api/v1/alerts?expiry_days=30&kind=recall_overdue,near_expiry&severity=high"+asOf, regToken, &two)
	if two.Total != 1 || two.Alerts[0].Kind != alert.KindRecallOverdue {
		t.Fatalf("high recall_overdue or near_expiry: %+v", two)
	}
	for _, tc := range []struct{ query, field string }{
		{"severity=urgent", "severity"},
		{"kind=Near-Expiry", "kind"},
		{"limit=0", "limit"},
		{"limit=2&after=x", "after"},
		{"after=-1", "after"},
	} {
		wantError(t, c.get("/api/v1/alerts?"+tc.query, regToken), 400, "invalid", tc.field)
	}
}

// TestAlertsDownloadAsCSVWithTheRowsOfThePage: format=csv answers the
// page's alerts, one row each under English headers when asked; a region
// filter without a dashboard engine to select enterprises is refused
// rather than ignored.
func TestAlertsDownloadAsCSVWithTheRowsOfThePage(t *testing.T) {
	c := newChain(t)
	c.returns()
	rec := c.get("/api/v1/alerts?expiry_days=30&limit=3&format=csv&lang=en&as_of=2027-09-16", regToken)
	body := rec.Body.String()
	if rec.Code != 200 || !strings.HasPrefix(body, "\ufeffSeverity,Alert kind,Enterprise,USCC,GTIN,Lot,Units,Due,Message\r\n") ||
		strings.Count(body, "\r\n") != 4 {
		t.Errorf("alerts CSV: %d %q", rec.Code, body)
	}
	if rec := c.get("/api/v1/alerts?region=%E4%B8%8A%E6%B5%B7", regToken); rec.Code < 500 {
		t.Errorf("a region filter with no engine to select enterprises answered %d", rec.Code)
	}
}

// TestSortedAlertsPageByTheDirectoriesCursorAndKeepOneEnterprise: with
// ?sort= the alerts come sorted and page by an opaque cursor to the same
// set; ?enterprise= keeps one enterprise's; a bad sort, cursor or USCC is
// 400 naming it.
func TestSortedAlertsPageByTheDirectoriesCursorAndKeepOneEnterprise(t *testing.T) {
	c := newChain(t)
	c.returns()
	const asOf = "&as_of=2027-09-16"
	var all alertPage
	c.getJSON("/api/v1/alerts?expiry_days=30"+asOf, regToken, &all)
	type sortedPage struct {
		Alerts []query.Alert `json:"alerts"`
		Total  int           `json:"total"`
		Next   *string       `json:"next"`
	}
	var walked []query.Alert
	after := ""
	for range 10 {
		var pg sortedPage
		c.getJSON("/api/v1/alerts?expiry_days=30&sort=-due&limit=2&after="+url.QueryEscape(after)+asOf, regToken, &pg)
		if pg.Total != all.Total || len(pg.Alerts) > 2 {
			t.Fatalf("a sorted page: total %d, %d alerts", pg.Total, len(pg.Alerts))
		}
		walked = append(walked, pg.Alerts...)
		if pg.Next == nil {
			break
		}
		after = *pg.Next
	}
	if len(walked) != len(all.Alerts) {
		t.Fatalf("the sorted walk has %d alerts, the list %d", len(walked), len(all.Alerts))
	}
	for i := 1; i < len(walked); i++ {
		if walked[i].Due > walked[i-1].Due {
			t.Errorf("sort=-due: %s after %s", walked[i].Due, walked[i-1].Due)
		}
	}
	uscc := all.Alerts[0].USCC
	want := 0
	for _, a := range all.Alerts {
		if a.USCC == uscc {
			want++
		}
	}
	var one alertPage
	c.getJSON("/api/v1/alerts?expiry_days=30&enterprise="+uscc+asOf, regToken, &one)
	if one.Total != want {
		t.Errorf("enterprise=%s: %d alerts, want %d", uscc, one.Total, want)
	}
	for _, tc := range []struct{ query, field string }{
		{"sort=raised_at", "sort"},
		{"sort=due&after=forged", "after"},
		{"enterprise=123", "enterprise"},
	} {
		wantError(t, c.get("/api/v1/alerts?"+tc.query, regToken), 400, "invalid", tc.field)
	}
}
