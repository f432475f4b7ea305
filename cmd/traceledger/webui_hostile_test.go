package main

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/traceledger/traceledger/domain/access"
)

// Hostile text as an attacker would register it. Each payload marks the
// element it would create with data-xss, so a page into which one got as
// markup shows it to querySelector; each also tries to run a script, which
// the page's Content-Security-Policy would report.
const (
	xssImg    = `<img src=x data-xss=1 onerror="window.__xss=1">`
	xssScript = `<script data-xss=1>window.__xss=1</script>`
	xssSVG    = `<svg data-xss=1 onload="window.__xss=1"></svg>`
	xssLink   = `<a data-xss=1 href="javascript:window.__xss=1">x</a>`
	xssURL    = `javascript:window.__xss=1`
)

// hostileLedger records a whole trade chain whose every free-text field an
// attacker controls: enterprise names and region, product fields, the port
// of entry, findings, the recall's reason and a penalty.
type hostileLedger struct {
	*ledger
	reg, gtin, lot, item, recallID, importer, retailer, declaration string
}

func startHostileLedger(t *testing.T) *hostileLedger {
	t.Helper()
	l := startLedger(t)
	h := &hostileLedger{ledger: l, reg: l.token(access.RoleRegulator, ""), gtin: "03760123456784", lot: "EVIL1",
		importer: newUSCC(t, "91330100MA2H8T0R0"), retailer: newUSCC(t, "91440101MA59KB8X0"), declaration: "222920261000009999"}
	l.must("/api/v1/enterprises", h.reg, map[string]any{"uscc": h.importer, "name": "进口商" + xssImg, "region": xssURL,
		"roles": []string{"importer", "distributor"}, "contact": xssSVG})
	l.must("/api/v1/enterprises", h.reg, map[string]any{"uscc": h.retailer, "name": "超市" + xssSVG, "region": "广东" + xssScript,
		"roles": []string{"retailer"}})
	imp := l.token(access.RoleEnterprise, h.importer)
	shop := l.token(access.RoleEnterprise, h.retailer)
	l.must("/api/v1/products", imp, map[string]any{"gtin": h.gtin, "name": "燕麦" + xssScript, "brand": xssLink, "spec": xssURL,
		"category": "乳制品", "origin_country": "FR", "manufacturer": xssImg, "owner_uscc": h.importer, "shelf_life_days": 270})
	l.must("/api/v1/products/"+h.gtin+"/notifications", imp, map[string]any{"notifier_uscc": h.importer, "record_no": "BA2026000123"})
	l.must("/api/v1/products/"+h.gtin+"/verification", h.reg, map[string]any{"valid": true})
	l.must("/api/v1/batches", imp, map[string]any{"gtin": h.gtin, "lot": h.lot, "quantity": 100, "produced_on": time.Now().AddDate(0, 0, -10).Format(time.DateOnly),
		"expires_on": time.Now().AddDate(1, 0, 0).Format(time.DateOnly), "owner_uscc": h.importer})
	labels := l.must("/api/v1/labels", imp, map[string]any{"gtin": h.gtin, "lot": h.lot, "owner_uscc": h.importer, "serials": []string{"A1", "A2"}})
	ls, _ := labels.body["labels"].([]any)
	if len(ls) != 2 {
		t.Fatalf("labels answered %s", labels.raw)
	}
	code, _ := ls[0].(map[string]any)["code"].(string)
	u, err := url.Parse(code)
	if err != nil {
		t.Fatal(err)
	}
	h.item = u.Path
	l.must("/api/v1/customs/declarations", imp, map[string]any{"declaration_no": h.declaration, "port": "南沙" + xssImg, "importer_uscc": h.importer,
		"lines": []map[string]any{{"gtin": h.gtin, "lot": h.lot, "quantity": 100, "hs_code": "2202999099", "origin_country": "FR"}}})
	l.must("/api/v1/customs/declarations/"+h.declaration+"/inspection", h.reg, map[string]any{"result": "pass", "findings": xssScript})
	l.must("/api/v1/customs/declarations/"+h.declaration+"/release", h.reg, map[string]any{"decision": "released", "reason": xssLink})
	ship := l.must("/api/v1/shipments", imp, map[string]any{"from_uscc": h.importer, "to_uscc": h.retailer, "waybill": "SF" + xssImg,
		"items": []string{h.item}, "lines": []map[string]any{{"gtin": h.gtin, "lot": h.lot, "quantity": 40}}})
	l.must("/api/v1/shipments/"+ship.body["shipment_id"].(string)+"/receipt", shop, nil)
	l.must("/api/v1/sales", shop, map[string]any{"seller_uscc": h.retailer, "channel": "门店" + xssSVG, "items": []string{h.item}})
	l.must("/api/v1/inspections", h.reg, map[string]any{"gtin": h.gtin, "lot": h.lot, "enterprise_uscc": h.retailer, "result": "fail", "findings": xssImg})
	l.must("/api/v1/complaints", h.reg, map[string]any{"gtin": h.gtin, "lot": h.lot, "against_uscc": h.retailer, "category": xssSVG, "severity": 2, "channel": xssLink})
	l.must("/api/v1/penalties", h.reg, map[string]any{"enterprise_uscc": h.retailer, "authority": xssScript, "amount_cny": 5000, "reason": xssImg})
	rc := l.must("/api/v1/recalls", h.reg, map[string]any{"batches": []map[string]any{{"gtin": h.gtin, "lot": h.lot}}, "level": 2,
		"reason": "密封不良" + xssLink + xssImg, "initiated_by_uscc": h.importer})
	h.recallID = rc.body["recall_id"].(string)
	l.do("GET", "/api/v1/recalls/"+h.recallID+rc.after(), h.reg, nil)
	return h
}

// watchInjection installs, in every document the tab loads, a listener
// that collects Content-Security-Policy violations.
const watchInjection = `window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`

// showEveryTooltip opens the tooltip of every data point of every chart on
// the page, so formatter output is rendered, and answers how many it opened.
const showEveryTooltip = `(() => {
  let n = 0;
  document.querySelectorAll('.chart').forEach((el) => {
    const c = window.echarts && echarts.getInstanceByDom(el);
    if (!c) return;
    (c.getOption().series || []).forEach((s, si) => {
      for (let i = 0; i < (s.data || []).length; i++) { c.dispatchAction({ type: 'showTip', seriesIndex: si, dataIndex: i }); n++; }
      for (let i = 0; i < (s.links || s.edges || []).length; i++) { c.dispatchAction({ type: 'showTip', seriesIndex: si, dataIndex: i, dataType: 'edge' }); n++; }
    });
  });
  return n;
})()`

// injected answers what of the payloads became markup or ran.
const injected = `JSON.stringify({
  marked: [...document.querySelectorAll('[data-xss]')].map((e) => e.outerHTML.slice(0, 80)),
  jsLinks: [...document.querySelectorAll('a[href^="javascript:" i]')].map((e) => e.outerHTML.slice(0, 80)),
  ran: window.__xss === 1,
  csp: window.__csp || ['no watcher'],
})`

// TestWebUIShowsHostileNamesAsText registers enterprises, a product, a port,
// findings and a recall reason made of markup and script, opens every page
// of the web UI that shows them and every chart tooltip, and finds no
// injected element, no script run and no Content-Security-Policy violation,
// while the hostile text itself is shown, as text.
func TestWebUIShowsHostileNamesAsText(t *testing.T) {
	needBrowser(t)
	h := startHostileLedger(t)
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchInjection}); err != nil {
		t.Fatalf("watch the page: %v", err)
	}
	if err := chromedp.Do(ctx, signIn(h.base, h.reg)); err != nil {
		t.Fatalf("sign in: %v (%q)", err, problems())
	}
	enc := url.PathEscape
	pages := []struct {
		name, hash, ready, shows string
	}{
		{"dashboard", "#/dashboard", "#dash-done", ""},
		{"importer's page", "#/enterprise/" + h.importer, "#view h2", "进口商<img"},
		{"retailer's page", "#/enterprise/" + h.retailer, "#view h2", "超市<svg"},
		{"item timeline", "#/audit/item/" + enc(h.base+h.item), "#verify-summary[data-verified]", "燕麦<script"},
		{"batch timeline", "#/audit/batch/" + h.gtin + "/" + h.lot, "#verify-summary[data-verified]", "进口商<img"},
		{"product", "#/audit/product/" + h.gtin, "#view h2", ""},
		{"declaration", "#/audit/declaration/" + h.declaration, "#decl-lines tbody tr", "南沙<img"},
		{"downstream trace", "#/trace/" + h.gtin + "/" + h.lot + "/downstream", "#trace-graph canvas", "超市<svg"},
		{"upstream trace", "#/trace/" + h.gtin + "/" + h.lot + "/upstream", "#trace-graph canvas", ""},
		{"recalls", "#/recalls", "#view table tbody tr", "密封不良<a"},
		{"recall", "#/recall/" + h.recallID, "#recall-holders tbody tr", ""},
		{"search results", "#/search/" + enc("燕麦"), "#search-results .hit", "燕麦<script"},
		{"complaint cases", "#/complaints", "#complaint-list tbody tr", ""},
		{"withdrawals", "#/withdrawals", "#withdrawal-records", ""},
		{"enterprise directory", "#/enterprises", "#enterprises-list tbody tr", "进口商<img"},
		{"product directory", "#/products", "#products-list tbody tr", "燕麦<script"},
		{"batch directory", "#/batches", "#batches-list tbody tr", ""},
		{"declaration directory", "#/declarations", "#declarations-list tbody tr", "南沙<img"},
		{"inspection targets", "#/targets", "#targets", "超市<svg"},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			ctx := within(t, bctx)
			if err := chromedp.Do(ctx, goHash(p.hash), chromedp.WaitReady(chromedp.CSS(p.ready))); err != nil {
				text, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`document.body.innerText`))
				t.Fatalf("%s did not render: %v\n%s\n%q", p.hash, err, text, problems())
			}
			time.Sleep(300 * time.Millisecond) // charts draw in a microtask after the page
			js[int](ctx, t, showEveryTooltip)
			time.Sleep(200 * time.Millisecond)
			checkNoInjection(ctx, t)
			if p.shows != "" {
				if text := js[string](ctx, t, `document.body.innerText`); !strings.Contains(text, p.shows) {
					t.Errorf("the page does not show the hostile text %q as text:\n%s", p.shows, text)
				}
			}
		})
	}
	t.Run("public card", func(t *testing.T) {
		ctx := within(t, bctx)
		if err := chromedp.Do(ctx, chromedp.Navigate(h.base+h.item), chromedp.WaitVisible(chromedp.ID("card-facts"))); err != nil {
			t.Fatal(err)
		}
		checkNoInjection(ctx, t)
		if text := js[string](ctx, t, `document.body.innerText`); !strings.Contains(text, "燕麦<script") {
			t.Errorf("the card does not show the product name as text:\n%s", text)
		}
		// The item is recalled: the card says why and what the consumer should do.
		reason := js[string](ctx, t, `(document.getElementById('recall-reason') || {}).textContent || ''`)
		advice := js[string](ctx, t, `(document.getElementById('recall-advice') || {}).textContent || ''`)
		if !strings.Contains(reason, "密封不良<a") || advice == "" {
			t.Errorf("the recalled item's card says why %q and what to do %q, want the recall's reason and advice", reason, advice)
		}
	})
}

// checkNoInjection fails the test if a payload became an element, a
// javascript: link, ran, or was stopped by the Content-Security-Policy.
func checkNoInjection(ctx context.Context, t *testing.T) {
	t.Helper()
	got := js[string](ctx, t, injected)
	want := `{"marked":[],"jsLinks":[],"ran":false,"csp":[]}`
	if got != want {
		t.Errorf("hostile text got into the page as markup or script: %s", got)
	}
}
