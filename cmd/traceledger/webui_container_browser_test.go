package main

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestWebUIShowsPalletsAndTheFormulaMadeOfRecalledMilk: on the demo, the
// regulator opens the downstream trace of the recalled raw milk lot and sees
// the formula lots made of it; the recall's page names them and, per holder,
// the cases its units are in; the case's page shows it and its cans.
func TestWebUIShowsPalletsAndTheFormulaMadeOfRecalledMilk(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	var health struct{ Head uint64 }
	u.apiJSON("/healthz", "", &health)
	wait := "min_position=" + strconv.FormatUint(health.Head, 10)
	// The read models fold the whole demo first: wait for them (a busy
	// machine takes longer than one query's wait).
	for deadline := time.Now().Add(60 * time.Second); u.do("GET", "/api/v1/recalls?"+wait, u.reg, nil).status != http.StatusOK; time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the read models did not reach the demo's head")
		}
	}
	var recalls struct {
		Recalls []struct {
			RecallID string `json:"recall_id"`
		}
	}
	u.apiJSON("/api/v1/recalls?limit=1000&"+wait, u.reg, &recalls)
	type ref struct{ GTIN, Lot string }
	var milk ref
	var box, recallID string
	for _, r := range recalls.Recalls {
		var l struct {
			Batches, Derived []ref
			Holders          []struct{ Containers []string }
		}
		u.apiJSON("/api/v1/recalls/"+r.RecallID+"?"+wait, u.reg, &l)
		if len(l.Derived) == 0 {
			continue
		}
		milk, recallID = l.Batches[0], r.RecallID
		for _, h := range l.Holders {
			if len(h.Containers) > 0 {
				box = h.Containers[0]
			}
		}
	}
	if milk.GTIN == "" || box == "" {
		t.Fatal("the demo has no recall reaching a transformation's outputs, or no packed units in it")
	}
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	if err := chromedp.Do(ctx, signIn(u.base, u.reg), goHash("#/trace/"+milk.GTIN+"/"+url.PathEscape(milk.Lot)+"/downstream"),
		chromedp.WaitVisible(chromedp.CSS(`#transformations tbody tr`))); err != nil {
		t.Fatalf("the milk's downstream trace: %v %q", err, problems())
	}
	if n := js[int](ctx, t, `document.querySelectorAll('#transformations a.transformation-batch').length`); n != 2 {
		t.Fatalf("the milk's trace shows %d formula lots, want 2", n)
	}
	if err := chromedp.Do(ctx, goHash("#/recall/"+recallID), chromedp.WaitVisible(chromedp.CSS(`#recall-holders a.container-link`))); err != nil {
		t.Fatalf("the recall's holders with their cases: %v %q", err, problems())
	}
	if n := js[int](ctx, t, `document.querySelectorAll('a.chip.derived').length`); n != 2 {
		t.Fatalf("the recall page names %d batches reached through transformations, want 2", n)
	}
	if err := chromedp.Do(ctx, goHash("#/container/"+box), chromedp.WaitVisible(chromedp.CSS(`#container-facts`))); err != nil {
		t.Fatalf("the case's page: %v %q", err, problems())
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		facts := js[string](ctx, t, `document.getElementById('container-facts')?.textContent || ''`)
		items := js[int](ctx, t, `document.querySelectorAll('#container-items tbody tr').length`)
		if strings.Contains(facts, box) && items == 6 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("case page: facts %q, %d cans; want the case and its 6 cans", facts, items)
		}
	}
	if p := problems(); len(p) > 0 {
		t.Fatalf("browser problems: %q", p)
	}
}
