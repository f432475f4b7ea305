package main

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/traceledger/traceledger/domain/access"
)

// TestWebUIHolderPagesItsRecordsAndReturnsWithdrawnUnitsToTheSupplier gives
// a demo holder more withdrawal records than a page holds (regulators'
// orders), has it withdraw from its page, follow "more" to the withdrawal
// and record that it returned the units to the batch's owner; the list
// then names the disposal.
func TestWebUIHolderPagesItsRecordsAndReturnsWithdrawnUnitsToTheSupplier(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	type alertJSON struct {
		Kind, USCC, GTIN, Lot string
	}
	var health struct{ Head uint64 }
	u.apiJSON("/healthz", "", &health)
	var all struct{ Alerts []alertJSON }
	u.apiJSON("/api/v1/alerts?min_position="+strconv.FormatUint(health.Head, 10), u.reg, &all)
	var duty *alertJSON
	var owner string
	for i, a := range all.Alerts {
		if a.Kind != "withdrawal_due" {
			continue
		}
		var tr struct {
			Batch struct {
				Owner string `json:"owner_uscc"`
			}
		}
		u.apiJSON("/api/v1/batches/"+a.GTIN+"/"+a.Lot+"/trace", u.reg, &tr)
		if tr.Batch.Owner != "" && tr.Batch.Owner != a.USCC {
			duty, owner = &all.Alerts[i], tr.Batch.Owner
			break
		}
	}
	if duty == nil {
		t.Fatal("the demo leaves no holder other than a batch's owner a withdrawal to make")
	}
	// More records at the holder than the page's 200.
	for range 201 {
		for {
			a := u.do("POST", "/api/v1/withdrawals/orders", u.reg, map[string]any{"gtin": duty.GTIN, "lot": duty.Lot, "holder_uscc": duty.USCC, "reason": "uncertified"})
			if a.status == http.StatusCreated {
				break
			}
			if a.status != http.StatusTooManyRequests {
				t.Fatalf("order: %d %s", a.status, a.raw)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	holderTok := u.token(access.RoleEnterprise, duty.USCC)
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	batchText := duty.GTIN + "/" + duty.Lot
	if err := chromedp.Do(ctx, signIn(u.base, holderTok), goHash("#/withdrawals"),
		chromedp.WaitVisible(chromedp.CSS(`#withdrawal-duties tbody tr`)), chromedp.WaitVisible(chromedp.ID("withdrawal-more"))); err != nil {
		text, _ := chromedp.Run(context.WithoutCancel(bctx), chromedp.Evaluate[string](`document.body.innerText`))
		t.Fatalf("the holder's withdrawals page: %v: %.500q %q", err, text, problems())
	}
	rows := js[[]string](ctx, t, `[...document.querySelectorAll('#withdrawal-duties tbody tr')].map(r => r.textContent)`)
	row := -1
	for i, r := range rows {
		if strings.Contains(r, batchText) {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("the holder's page does not list %s: %q", batchText, rows)
	}
	sel := `#withdrawal-duties tbody tr:nth-child(` + strconv.Itoa(row+1) + `)`
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel+` button.withdraw`)), chromedp.WaitVisible(chromedp.CSS(sel+` .muted`))); err != nil {
		t.Fatalf("record the withdrawal: %v %q", err, problems())
	}

	// Reload the page: the withdrawal is the newest record, on the second page.
	ctx = within(t, bctx)
	if err := chromedp.Do(ctx, goHash("#/"), goHash("#/withdrawals"), chromedp.WaitVisible(chromedp.ID("withdrawal-more"))); err != nil {
		t.Fatalf("reload: %v %q", err, problems())
	}
	if n := js[int](ctx, t, `document.querySelectorAll('#withdrawal-records tbody tr').length`); n != 200 {
		t.Fatalf("the first page shows %d records, want 200", n)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("withdrawal-more")),
		chromedp.WaitVisible(chromedp.CSS(`#withdrawal-records tbody tr:nth-child(201)`))); err != nil {
		t.Fatalf("more: %v %q", err, problems())
	}
	last := `#withdrawal-records tbody tr:last-child`
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(last+` button.return-to-supplier`)),
		chromedp.SendKeys(chromedp.CSS(last+` input.supplier`), owner),
		chromedp.Click(chromedp.CSS(last+` button.return-to-supplier`)),
		chromedp.WaitVisible(chromedp.CSS(last+` .muted`))); err != nil {
		text, _ := chromedp.Run(context.WithoutCancel(bctx), chromedp.Evaluate[string](`document.querySelector('#withdrawal-records tbody tr:last-child').innerText`))
		t.Fatalf("return to the supplier: %v: %q %q", err, text, problems())
	}
	var page struct {
		Entries []struct {
			Disposition string `json:"disposition"`
			Supplier    string `json:"supplier_uscc"`
		}
	}
	u.apiJSON("/api/v1/withdrawals?kind=disposal&holder_uscc="+duty.USCC+"&gtin="+duty.GTIN+"&lot="+duty.Lot+"&min_position="+
		strconv.FormatUint(uint64(u.head()), 10), u.reg, &page)
	if len(page.Entries) == 0 || page.Entries[len(page.Entries)-1].Disposition != "returned_to_supplier" || page.Entries[len(page.Entries)-1].Supplier != owner {
		t.Fatalf("the holder's disposals: %+v", page.Entries)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors or exceptions: %q", p)
	}
}
