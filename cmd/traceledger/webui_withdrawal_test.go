package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/traceledger/traceledger/domain/access"
)

// TestWebUIHolderWithdrawsWhatItMust signs in as a demo holder with goods it
// must withdraw from sale, records the withdrawal from its withdrawals page,
// and finds the duty gone; the regulator's page lists the orders.
func TestWebUIHolderWithdrawsWhatItMust(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	type alertJSON struct {
		Kind, USCC, GTIN, Lot, Reason string
		OrderID                       string `json:"order_id"`
	}
	// Read once the models have folded the whole demo log: a duty seen
	// earlier may have been withdrawn further on.
	var health struct{ Head uint64 }
	u.apiJSON("/healthz", "", &health)
	var all struct{ Alerts []alertJSON }
	u.apiJSON("/api/v1/alerts?min_position="+strconv.FormatUint(health.Head, 10), u.reg, &all)
	var duty *alertJSON
	for i, a := range all.Alerts {
		if a.Kind == "withdrawal_due" {
			duty = &all.Alerts[i]
			break
		}
	}
	if duty == nil {
		t.Fatal("the demo leaves no holder a withdrawal to make")
	}
	holderTok := u.token(access.RoleEnterprise, duty.USCC)
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	batchText := duty.GTIN + "/" + duty.Lot
	err := chromedp.Do(ctx, signIn(u.base, holderTok), goHash("#/withdrawals"),
		chromedp.WaitVisible(chromedp.CSS(`#withdrawal-duties tbody tr`)))
	if err != nil {
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
	sel := `#withdrawal-duties tbody tr:nth-child(` + strconv.Itoa(row+1) + `) button.withdraw`
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel)),
		chromedp.WaitVisible(chromedp.CSS(`#withdrawal-duties tbody tr:nth-child(`+strconv.Itoa(row+1)+`) .muted`))); err != nil {
		t.Fatalf("record the withdrawal: %v %q", err, problems())
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var mine struct{ Alerts []alertJSON }
		u.apiJSON("/api/v1/alerts", holderTok, &mine)
		left := 0
		for _, a := range mine.Alerts {
			if a.Kind == "withdrawal_due" && a.GTIN == duty.GTIN && a.Lot == duty.Lot {
				left++
			}
		}
		if left == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the duty for %s is still there after the withdrawal", batchText)
		}
		time.Sleep(100 * time.Millisecond)
	}
	ctx = within(t, bctx)
	js[bool](ctx, t, `(sessionStorage.clear(), true)`)
	if err := chromedp.Do(ctx, signIn(u.base, u.reg), goHash("#/withdrawals"),
		chromedp.WaitVisible(chromedp.CSS(`#withdrawal-records tbody tr`)), chromedp.WaitReady(chromedp.ID("withdrawal-order"))); err != nil {
		t.Fatalf("the regulator's page: %v %q", err, problems())
	}
	kinds := js[string](context.WithoutCancel(ctx), t, `document.querySelector('#withdrawal-records').textContent`)
	if !strings.Contains(kinds, "责令") && !strings.Contains(kinds, "Order") {
		t.Errorf("the regulator's records list no order: %.200q", kinds)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors or exceptions: %q", p)
	}
}
