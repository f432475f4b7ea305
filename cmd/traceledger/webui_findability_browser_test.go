package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/traceledger/traceledger/domain/access"
)

// TestWebUIFindsAndLinksRecords walks the findability of the web UI on
// one served demo (a demo per walk would cost a minute of the suite): a
// search by kind to an item and its card's links, the alert list, and an
// enterprise opening a partner it finds.
func TestWebUIFindsAndLinksRecords(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	t.Run("a search by kind opens an item whose card links its enterprise and batch", func(t *testing.T) {
		searchByKindOpensAnItemWhoseCardLinksItsEnterpriseAndBatch(t, u)
	})
	t.Run("the alert list filters, sorts and pages", func(t *testing.T) { listsEveryAlertFilteredSortedAndPaged(t, u) })
	t.Run("an enterprise opens a partner it finds", func(t *testing.T) { anEnterpriseOpensAPartnerItFinds(t, u) })
}

// searchByKindOpensAnItemWhoseCardLinksItsEnterpriseAndBatch: a
// regulator searches a lot, keeps only batches with the kind filter (kept
// in the hash, so the search is a link), opens the batch's page, an item
// from its timeline, and follows the item card's links to an enterprise's
// page and back to the batch's page.
func searchByKindOpensAnItemWhoseCardLinksItsEnterpriseAndBatch(t *testing.T, u *uiLedger) {
	// The demo's item code is /01/{gtin}/10/{lot}/21/{serial}.
	parts := strings.Split(u.item, "/")
	if len(parts) < 7 {
		t.Fatalf("item code %q", u.item)
	}
	gtin, lot := parts[2], parts[4]
	if l, err := url.PathUnescape(lot); err == nil {
		lot = l
	}
	batchID := gtin + "/" + lot
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	fail := func(what string, err error) {
		t.Helper()
		text, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`location.hash + ' ' + document.body.innerText`))
		t.Fatalf("%s: %v (%q): %.600q", what, err, problems(), text)
	}
	err := chromedp.Do(ctx,
		signIn(u.base, u.reg),
		chromedp.WaitVisible(chromedp.ID("search-q")),
		chromedp.SendKeys(chromedp.ID("search-q"), lot),
		chromedp.SendKeys(chromedp.ID("search-q"), kb.Enter),
		chromedp.WaitVisible(chromedp.ID("search-filters")),
		chromedp.Click(chromedp.ID("search-kind-batch")),
		chromedp.Click(chromedp.ID("search-apply")),
		chromedp.WaitVisible(chromedp.CSS(`#search-results .group-batch .hit a`)))
	if err != nil {
		fail("searching the lot for batches", err)
	}
	if hash := js[string](ctx, t, `location.hash`); !strings.Contains(hash, "kind%3Dbatch") {
		t.Errorf("the search's hash %s does not keep the kind", hash)
	}
	if kinds := js[string](ctx, t, `[...new Set([...document.querySelectorAll('#search-results .hit')].map(h => h.dataset.kind))].join(',')`); kinds != "batch" {
		t.Errorf("hits of kinds %q, want batch only", kinds)
	}
	// The filtered search is a link: reloading it shows the same boxes.
	err = chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#search-results .group-batch .hit a`)))
	if err != nil {
		fail("reloading the filtered search", err)
	}
	if checked := js[bool](ctx, t, `document.getElementById('search-kind-batch').checked && !document.getElementById('search-kind-product').checked`); !checked {
		t.Error("after a reload the kind boxes are not as chosen")
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#search-results .hit[data-id="`+batchID+`"] a`)),
		chromedp.WaitVisible(chromedp.ID("batch-facts")),
		chromedp.WaitVisible(chromedp.CSS(`#timeline-page a.event-item`)))
	if err != nil {
		fail("opening the batch from the results", err)
	}
	if hash := js[string](ctx, t, `location.hash`); hash != "#/batches/"+gtin+"/"+url.PathEscape(lot) {
		t.Errorf("the batch's page is %s", hash)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#timeline-page a.event-item`)),
		chromedp.WaitVisible(chromedp.ID("card-facts")),
		chromedp.WaitVisible(chromedp.CSS(`#card-facts a.link-lot`)))
	if err != nil {
		fail("opening an item from the batch's timeline", err)
	}
	enterprise := js[string](ctx, t, `(document.querySelector('#card-facts a.link-holder') || document.querySelector('#card-facts a.link-owner')).getAttribute('href')`)
	name := js[string](ctx, t, `(document.querySelector('#card-facts a.link-holder') || document.querySelector('#card-facts a.link-owner')).textContent`)
	if !strings.HasPrefix(enterprise, "#/enterprise/") {
		t.Fatalf("the card links no holder or owner: %q", enterprise)
	}
	if product := js[string](ctx, t, `document.querySelector('#card-facts a.link-product_name').getAttribute('href')`); product != "#/audit/product/"+gtin {
		t.Errorf("the product links to %q", product)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#card-facts a[href="`+enterprise+`"]`)),
		chromedp.WaitVisible(chromedp.ID("registration")),
		chromedp.WaitVisible(chromedp.ID("factors")))
	if err != nil {
		fail("following the card to the enterprise", err)
	}
	if h1 := js[string](ctx, t, `document.getElementById('enterprise-name').textContent`); !strings.Contains(h1, name) {
		t.Errorf("the enterprise page is titled %q, want %q", h1, name)
	}
	err = chromedp.Do(ctx,
		chromedp.NavigateBack(),
		chromedp.WaitVisible(chromedp.CSS(`#card-facts a.link-lot`)),
		chromedp.Click(chromedp.CSS(`#card-facts a.link-lot`)),
		chromedp.WaitVisible(chromedp.ID("batch-facts")))
	if err != nil {
		fail("following the card to the batch", err)
	}
	if owner := js[string](ctx, t, `document.getElementById('batch-owner').getAttribute('href')`); !strings.HasPrefix(owner, "#/enterprise/") {
		t.Errorf("the batch's owner links to %q", owner)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors or exceptions:\n%s", strings.Join(p, "\n"))
	}
}

// listsEveryAlertFilteredSortedAndPaged: from the dashboard's
// alert panel a regulator opens the list of all alerts, keeps one severity
// sorted by due date, newest first, and pages on with "more".
func listsEveryAlertFilteredSortedAndPaged(t *testing.T, u *uiLedger) {
	// serve folds the demo as it starts: wait until the alerts stop growing.
	var high struct {
		Total int `json:"total"`
	}
	for last, deadline := -1, time.Now().Add(20*time.Second); high.Total == 0 || high.Total != last; time.Sleep(500 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the alerts do not settle")
		}
		last = high.Total
		u.apiJSON("/api/v1/alerts?severity=high&sort=due&limit=1", u.reg, &high)
	}
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	err := chromedp.Do(ctx,
		signIn(u.base, u.reg),
		goHash("#/dashboard"),
		chromedp.WaitVisible(chromedp.ID("alerts-all")),
		chromedp.Click(chromedp.ID("alerts-all")),
		chromedp.WaitVisible(chromedp.CSS(`#alerts-list tbody tr`)),
		chromedp.SetValue(chromedp.CSS(`#alerts-filters select[name=severity]`), "high"),
		chromedp.SetValue(chromedp.CSS(`#alerts-filters select[name=sort]`), "-due"),
		chromedp.Click(chromedp.CSS(`#alerts-filters button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#alerts-list tbody tr`)))
	if err != nil {
		text, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`location.hash + ' ' + document.body.innerText`))
		t.Fatalf("opening and filtering the alert list: %v (%q): %.600q", err, problems(), text)
	}
	if hash := js[string](ctx, t, `decodeURIComponent(location.hash)`); !strings.Contains(hash, "severity=high") || !strings.Contains(hash, "sort=-due") {
		t.Errorf("the list's hash %s does not keep its filter and sort", hash)
	}
	// Ten a page (the hash passes limit through), then page on to the end:
	// every row is high, due dates never increase.
	err = chromedp.Do(ctx, goHash("#/alerts/"+url.QueryEscape("severity=high&sort=-due&limit=10")),
		chromedp.WaitVisible(chromedp.ID("alerts-more")))
	if err != nil {
		t.Fatalf("ten alerts a page: %v (%q)", err, problems())
	}
	if n := js[int](ctx, t, `document.querySelectorAll('#alerts-list tbody tr').length`); n != 10 {
		t.Errorf("the first page lists %d alerts, want 10", n)
	}
	for i := 0; i < 50; i++ {
		more := js[bool](ctx, t, `!!document.getElementById('alerts-more')`)
		if !more {
			break
		}
		n := js[int](ctx, t, `document.querySelectorAll('#alerts-list tbody tr').length`)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("alerts-more")),
			chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.querySelectorAll('#alerts-list tbody tr').length > %d`, n))); err != nil {
			t.Fatalf("more: %v", err)
		}
	}
	rows := js[int](ctx, t, `document.querySelectorAll('#alerts-list tbody tr').length`)
	if rows != high.Total || rows == 0 {
		t.Errorf("listed %d high alerts, the API counts %d", rows, high.Total)
	}
	if bad := js[int](ctx, t, `[...document.querySelectorAll('#alerts-list tbody tr')].filter(r => !r.querySelector('.sev-high')).length`); bad != 0 {
		t.Errorf("%d listed alerts are not high", bad)
	}
	if unsorted := js[int](ctx, t, `(() => { const d = [...document.querySelectorAll('#alerts-list tbody tr')].map(r => r.cells[5].textContent);
		return d.filter((x, i) => i > 0 && x > d[i - 1]).length; })()`); unsorted != 0 {
		t.Errorf("%d alerts are out of the newest-due-first order", unsorted)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors or exceptions:\n%s", strings.Join(p, "\n"))
	}
}

// anEnterpriseOpensAPartnerItFinds: an enterprise searches the
// enterprises, opens a trading partner among its hits and reads its
// registration only, with a link to the batches both held; no grade, no
// history, no error.
func anEnterpriseOpensAPartnerItFinds(t *testing.T, u *uiLedger) {
	var item struct {
		Card struct {
			ImporterUSCC string `json:"importer_uscc"`
			OwnerUSCC    string `json:"owner_uscc"`
		} `json:"card"`
	}
	u.apiJSON("/api/v1/items/"+url.PathEscape(u.item)+"/history?limit=1", u.reg, &item)
	own := item.Card.ImporterUSCC
	if own == "" {
		own = item.Card.OwnerUSCC
	}
	if own == "" {
		t.Fatalf("the demo item names no importer or owner: %+v", item)
	}
	tok := u.token(access.RoleEnterprise, own)
	var found struct {
		Hits []struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		} `json:"hits"`
	}
	partner, name := "", ""
	for deadline := time.Now().Add(20 * time.Second); partner == ""; time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s finds no partner", own)
		}
		u.apiJSON("/api/v1/search?kind=enterprise&limit=100&q=", tok, &found)
		for _, h := range found.Hits {
			if h.ID != own {
				partner, name = h.ID, h.Title
				break
			}
		}
	}
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	err := chromedp.Do(ctx,
		signIn(u.base, tok),
		goHash("#/search/"+url.PathEscape(name)+"/"+url.QueryEscape("kind=enterprise")),
		chromedp.WaitVisible(chromedp.CSS(`#search-results .hit[data-id="`+partner+`"] a`)),
		chromedp.Click(chromedp.CSS(`#search-results .hit[data-id="`+partner+`"] a`)),
		chromedp.WaitVisible(chromedp.ID("partner-note")),
		chromedp.WaitVisible(chromedp.ID("sharedBatches")))
	if err != nil {
		text, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`location.hash + ' ' + document.body.innerText`))
		t.Fatalf("opening the partner %s: %v (%q): %.600q", partner, err, problems(), text)
	}
	if rel := js[string](ctx, t, `document.getElementById('registration').dataset.relation`); rel != "partner" {
		t.Errorf("relation %q, want partner", rel)
	}
	if closed := js[bool](ctx, t, `!document.getElementById('factors') && !document.getElementById('timeline-page') && !document.querySelector('.error')`); !closed {
		t.Error("a partner's page shows a grade, a history or an error")
	}
	err = chromedp.Do(ctx, chromedp.Click(chromedp.ID("sharedBatches")), chromedp.WaitVisible(chromedp.CSS(`#batches-list tbody tr`)))
	if err != nil {
		t.Fatalf("the batches both held: %v (%q)", err, problems())
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors or exceptions:\n%s", strings.Join(p, "\n"))
	}
}
