package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// TestWebUIDashboardFiltersToARegionAndDownloadsAPanel drives the
// dashboard as an analyst: filters it to one region through the form (the
// filter lands in the hash), sees that every panel applies it, downloads
// the region and operator panels as CSV holding only that region's rows,
// with a byte order mark and formula-like cells neutralised, the top-risk
// panel as an XLSX holding the panel's rows and naming the region, and the
// whole dashboard as a PNG; a period is named as not applying to the
// grades, which are as of now.
func TestWebUIDashboardFiltersToARegionAndDownloadsAPanel(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	dir := t.TempDir()
	err := chromedp.Do(ctx,
		signIn(u.base, u.ana),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
			return err
		}),
		goHash("#/dashboard"),
		chromedp.WaitReady(chromedp.ID("dash-done")))
	if err != nil {
		t.Fatal(err)
	}
	region := js[string](ctx, t, `[...document.querySelectorAll('#dash-region option')].map(o => o.value).find(v => v) || ''`)
	if region == "" {
		t.Fatal("the region filter offers no region")
	}
	if n := js[int](ctx, t, `document.querySelectorAll('.filter-note').length`); n != 0 {
		t.Errorf("%d filter notes on the unfiltered dashboard, want none", n)
	}

	// Filter through the form; the old page's marker goes first, so that
	// the wait is for the filtered page.
	js[bool](ctx, t, `document.getElementById('dash-done').remove() || true`)
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("dash-region"), region),
		chromedp.Click(chromedp.CSS(`#dash-filter button[type=submit]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(ctx, t, `!!document.getElementById('dash-done')`)
	if hash := js[string](ctx, t, `location.hash`); !strings.HasPrefix(hash, "#/dashboard/") || !strings.Contains(hash, "region=") {
		t.Errorf("hash %q, want the region filter in it", hash)
	}
	if got := js[string](ctx, t, `document.getElementById('dash-region').value`); got != region {
		t.Errorf("region select shows %q after filtering, want %q", got, region)
	}
	if js[bool](ctx, t, `!!document.querySelector('#panel-ratesRegion .filter-note')`) {
		t.Error("the region panel says the region filter does not apply")
	}
	if n := js[int](ctx, t, `document.querySelectorAll('.filter-note').length`); n != 0 {
		t.Errorf("%d panels say the region filter does not apply, want every panel to apply it", n)
	}

	// The top-risk panel as XLSX: the server's file holds the rows the
	// panel shows, under human headers, and names the region filter.
	shown := js[int](ctx, t, `document.querySelectorAll('#panel-topRisks table tbody tr').length`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("xlsx-topRisks"))); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(waitFile(t, filepath.Join(dir, "dashboard-topRisks.xlsx"))))
	if err != nil {
		t.Fatalf("the top-risk XLSX does not open: %v", err)
	}
	sheets := x.GetSheetList()
	rows, err := x.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	if shown == 0 || len(rows)-1 != shown || (rows[0][0] != "企业名称" && rows[0][0] != "Enterprise") {
		t.Errorf("top-risk XLSX has %d rows under %q, the panel shows %d", len(rows)-1, rows[0], shown)
	}
	if filters, err := x.GetRows(sheets[1]); err != nil || !strings.Contains(fmt.Sprint(filters), region) {
		t.Errorf("top-risk XLSX filters sheet %q (%v), want it to name %q", filters, err, region)
	}
	x.Close()

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("csv-ratesRegion"))); err != nil {
		t.Fatal(err)
	}
	body := string(waitFile(t, filepath.Join(dir, "dashboard-ratesRegion.csv")))
	if !strings.HasPrefix(body, "\uFEFF") {
		t.Errorf("region CSV %.40q has no byte order mark", body)
	}
	lines := strings.Split(strings.TrimRight(body, "\r\n"), "\r\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], csvQuoted(region)+",") {
		t.Errorf("region CSV %q, want the header and the row of %q only", body, region)
	}

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("csv-ratesOperator"))); err != nil {
		t.Fatal(err)
	}
	body = string(waitFile(t, filepath.Join(dir, "dashboard-ratesOperator.csv")))
	lines = strings.Split(strings.TrimRight(body, "\r\n"), "\r\n")
	if len(lines) < 2 {
		t.Errorf("operator CSV %q, want the operators of %q", body, region)
	}
	for _, l := range lines[1:] {
		if !strings.Contains(l, ","+csvQuoted(region)+",") {
			t.Errorf("operator row %q is not of region %q", l, region)
		}
	}

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("dash-image"))); err != nil {
		t.Fatal(err)
	}
	if png := waitFile(t, filepath.Join(dir, "dashboard.png")); !strings.HasPrefix(string(png), "\x89PNG") || len(png) < 10000 {
		t.Errorf("dashboard image of %d bytes starting %.8q, want a PNG of the charts", len(png), png)
	}

	// A period counts the recalls started in its months: none in 2099.
	js[bool](ctx, t, `document.getElementById('dash-done').remove() || true`)
	if err := chromedp.Do(ctx, goHash("#/dashboard/from=2099-01-01")); err != nil {
		t.Fatal(err)
	}
	waitJS(ctx, t, `!!document.getElementById('dash-done')`)
	if js[bool](ctx, t, `!!document.querySelector('#panel-recalls .filter-note')?.textContent.includes(':')`) {
		t.Error("the recall panel says the period does not apply")
	}
	if !js[bool](ctx, t, `!!document.querySelector('#panel-grades .filter-note')`) {
		t.Error("the grade panel, which is as of now and cannot take a period, does not say so")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("csv-recalls"))); err != nil {
		t.Fatal(err)
	}
	body = string(waitFile(t, filepath.Join(dir, "dashboard-recalls.csv")))
	lines = strings.Split(strings.TrimRight(body, "\r\n"), "\r\n")
	if len(lines) != 4 || strings.Join(lines[1:], "\n") != "\"1\",\"0\",\"0\",\"0\"\n\"2\",\"0\",\"0\",\"0\"\n\"3\",\"0\",\"0\",\"0\"" {
		t.Errorf("recalls CSV for 2099 on %q, want the three levels with none started", body)
	}

	neutral, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`import('/ui/js/dashexport.js').then(m => m.csv(['h'], [['=1+1'], ['-2+3'], ['@SUM(A1)'], ['+1'], [-3], ['燕麦']]))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF\"h\"\r\n\"'=1+1\"\r\n\"'-2+3\"\r\n\"'@SUM(A1)\"\r\n\"'+1\"\r\n\"-3\"\r\n\"燕麦\"\r\n"
	if neutral != want {
		t.Errorf("csv of formula-like cells = %q, want %q", neutral, want)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors or exceptions:\n%s", strings.Join(p, "\n"))
	}
}

// csvQuoted is s as the dashboard's CSV quotes a cell.
func csvQuoted(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
