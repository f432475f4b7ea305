package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"

	"github.com/traceledger/traceledger/domain/access"
)

// The quality checks every page of the web UI goes through: no English and
// no raw server value in the Chinese UI, no raw server value in the English
// one, and no serious or critical axe-core violation.

// uiPage is one page of the checks' walk.
type uiPage struct {
	name string
	role access.Role // "" for a public page, opened without a token
	// at is a hash ("#/recalls") for the signed-in application, or a path
	// ("/blacklist") for a public page.
	at string
	// ready, when set, is a CSS selector that shows the page's late parts
	// (charts, proofs) are drawn; the application's own end of rendering
	// (#view[data-route]) is always awaited.
	ready string
}

// uiPages is every page the checks walk. To add a page, add its row here:
// its name, the role that opens it, its hash or public path, and what shows
// it is drawn when parts of it load after the route's render.
func uiPages(u *uiQualityLedger) []uiPage {
	item := strings.ReplaceAll(u.item, "/", "%2F")
	trace := "#/trace/" + u.gtin + "/" + u.lot + "/downstream"
	return []uiPage{
		{"sign-in", "", "/", "#token"},
		{"public card", "", u.item, "#card-facts"},
		{"public complaint", "", "/complaint?item=" + u.item, "#complaint-form"},
		{"public blacklist", "", "/blacklist", "#blacklist-history, #blacklist-empty"},
		{"public product", "", "/01/" + u.gtin, "#product-certificate"},

		{"dashboard", access.RoleRegulator, "#/dashboard", "#dash-done"},
		{"audit item", access.RoleRegulator, "#/audit/item/" + item, "#verify-summary[data-verified]"},
		{"certificate", access.RoleRegulator, "#/audit/product/" + u.gtin, "#verify-summary[data-verified]"},
		{"enterprise", access.RoleRegulator, "#/enterprise/" + u.holder, "#verify-summary[data-verified]"},
		{"trace", access.RoleRegulator, trace, "#trace-graph canvas"},
		{"recalls", access.RoleRegulator, "#/recalls", "#recall-list tbody tr"},
		{"recall", access.RoleRegulator, "#/recall/" + u.recallID, "#recall-holders tbody tr"},
		{"withdrawals", access.RoleRegulator, "#/withdrawals", ""},
		{"complaints", access.RoleRegulator, "#/complaints", ""},
		{"complaint", access.RoleRegulator, "#/complaint/" + u.complaintID, ""},
		{"targets", access.RoleRegulator, "#/targets", ""},
		{"enterprises", access.RoleRegulator, "#/enterprises", ""},
		{"products", access.RoleRegulator, "#/products", ""},
		{"batches", access.RoleRegulator, "#/batches", ""},
		{"batch", access.RoleRegulator, "#/batches/" + u.gtin + "/" + u.lot, ""},
		{"audit batch", access.RoleRegulator, "#/audit/batch/" + u.gtin + "/" + u.lot, "#verify-summary[data-verified]"},
		{"declarations", access.RoleRegulator, "#/declarations", ""},
		{"alerts", access.RoleRegulator, "#/alerts", ""},
		{"container", access.RoleRegulator, "#/container", ""},
		{"search", access.RoleRegulator, "#/search/" + u.gtin, ""},
		{"item report", access.RoleRegulator, "#/report/item/" + item, "#report-verify"},
		{"batch report", access.RoleRegulator, "#/report/batch/" + u.gtin + "/" + u.lot, "#report-verify"},

		{"analyst dashboard", access.RoleAnalyst, "#/dashboard", "#dash-done"},
		{"analyst recall", access.RoleAnalyst, "#/recall/" + u.recallID, "#recall-holders tbody tr"},

		{"enterprise notices", access.RoleEnterprise, "#/notices", ""},
		{"enterprise recall", access.RoleEnterprise, "#/recall/" + u.recallID, "#recall-holders tbody tr"},
		{"enterprise own page", access.RoleEnterprise, "#/enterprise/" + u.holder, "#verify-summary[data-verified]"},
		{"enterprise alerts", access.RoleEnterprise, "#/alerts", ""},
		{"enterprise complaints", access.RoleEnterprise, "#/complaints", ""},
		{"enterprise withdrawals", access.RoleEnterprise, "#/withdrawals", ""},
		{"enterprise home", access.RoleEnterprise, "#/home", ""},
		{"enterprise certificates", access.RoleEnterprise, "#/certificates", ""},
		{"enterprise stock", access.RoleEnterprise, "#/stock", ""},
		{"enterprise answers", access.RoleEnterprise, "#/answers", ""},
		{"enterprise grade", access.RoleEnterprise, "#/grade", ""},
		{"enterprise captures", access.RoleEnterprise, "#/captures", ""},
		{"enterprise tokens", access.RoleEnterprise, "#/mytokens", ""},

		{"admin tokens", access.RoleAdmin, "#/admin-tokens", ""},
		{"admin status", access.RoleAdmin, "#/admin-status", ""},
	}
}

// uiQualityLedger is the served demo with a token per role and the ids the
// page table needs.
type uiQualityLedger struct {
	*uiLedger
	tokens      map[access.Role]string
	holder      string // an enterprise holding units of the recall
	complaintID string
}

func startUIQualityLedger(t *testing.T) *uiQualityLedger {
	t.Helper()
	u := &uiQualityLedger{uiLedger: startUILedger(t)}
	var rec struct {
		Holders []struct {
			USCC string `json:"uscc"`
		} `json:"holders"`
	}
	u.getJSONEventually(t, "/api/v1/recalls/"+u.recallID, &rec)
	if len(rec.Holders) == 0 {
		t.Fatal("the demo recall has no holder")
	}
	u.holder = rec.Holders[0].USCC
	var cases struct {
		Complaints []struct {
			ID string `json:"complaint_id"`
		} `json:"complaints"`
	}
	u.getJSONEventually(t, "/api/v1/complaints", &cases)
	if len(cases.Complaints) == 0 {
		t.Fatal("the demo has no complaint")
	}
	u.complaintID = cases.Complaints[0].ID
	u.tokens = map[access.Role]string{
		access.RoleRegulator:  u.reg,
		access.RoleAnalyst:    u.ana,
		access.RoleEnterprise: u.token(access.RoleEnterprise, u.holder),
		access.RoleAdmin:      u.token(access.RoleAdmin, ""),
	}
	return u
}

// getJSONEventually reads path as the regulator once the read models
// have caught up with the demo (a 404 meanwhile).
func (u *uiQualityLedger) getJSONEventually(t *testing.T, path string, v any) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; {
		a := u.do("GET", path, u.reg, nil)
		if a.status == 200 {
			if err := json.Unmarshal([]byte(a.raw), v); err != nil {
				t.Fatal(err)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s = %d", path, a.status)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// walkUIPages opens every page of the table in lang, signing in as each
// role in turn, and calls check on each once drawn.
func walkUIPages(t *testing.T, bctx context.Context, u *uiQualityLedger, lang string, check func(t *testing.T, ctx context.Context, p uiPage)) {
	t.Helper()
	setLang := fmt.Sprintf(`sessionStorage.clear(), localStorage.setItem('traceledger.lang', %q), true`, lang)
	signedIn := access.Role("-")
	for _, p := range uiPages(u) {
		t.Run(p.name, func(t *testing.T) {
			ctx := within(t, bctx)
			if p.role == "" || p.role != signedIn {
				if err := chromedp.Do(ctx, chromedp.Navigate(u.base+"/")); err != nil {
					t.Fatal(err)
				}
				js[bool](ctx, t, setLang)
				signedIn = ""
			}
			if p.role != "" && p.role != signedIn {
				if err := chromedp.Do(ctx, signIn(u.base, u.tokens[p.role])); err != nil {
					t.Fatalf("sign in as %s: %v", p.role, err)
				}
				signedIn = p.role
			}
			if p.role == "" {
				if err := chromedp.Do(ctx, chromedp.Navigate(u.base+p.at)); err != nil {
					t.Fatal(err)
				}
			} else {
				// A hash the page already shows fires no hashchange: its
				// drawing is awaited as it is.
				js[bool](ctx, t, fmt.Sprintf(`(() => { if (location.hash !== %q) { document.getElementById('view').removeAttribute('data-route'); location.hash = %q; } return true; })()`, p.at, p.at))
				waitJS(ctx, t, `document.getElementById('view').hasAttribute('data-route')`)
			}
			if p.ready != "" {
				waitJS(ctx, t, fmt.Sprintf(`!!document.querySelector(%q)`, p.ready))
			}
			time.Sleep(300 * time.Millisecond) // late panels settle
			check(t, ctx, p)
		})
	}
}

// pageTexts answers what the page shows a reader: its visible text (but
// what the page marks translate="no": recorded data, hashes and command
// lines, which are the same in every language), the title, aria-label,
// placeholder and alt attributes, the document title,
// and the texts ECharts draws on its canvases (axis labels, legends,
// series and data names; a chart whose label formatter shows another text
// than a datum's name keeps that text in the datum's display).
const pageTexts = `(() => {
  const raw = [...document.querySelectorAll('[translate="no"]')];
  const shown = raw.map((el) => el.style.display);
  raw.forEach((el) => { el.style.display = 'none'; });
  const out = [document.title, document.body.innerText];
  raw.forEach((el, i) => { el.style.display = shown[i]; });
  for (const el of document.querySelectorAll('[title],[aria-label],[placeholder],[alt]')) {
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
  }
  for (const el of document.querySelectorAll('[data-chart]')) {
    const c = window.echarts && window.echarts.getInstanceByDom(el);
    if (!c) continue;
    const o = c.getOption();
    for (const ax of [...(o.xAxis || []), ...(o.yAxis || [])]) { out.push(ax.name || ''); (ax.data || []).forEach((d) => out.push(String(d && d.value !== undefined ? d.value : d))); }
    for (const l of o.legend || []) (l.data || []).forEach((d) => out.push(String(d && d.name !== undefined ? d.name : d)));
    for (const s of o.series || []) { out.push(s.name || ''); (s.data || []).forEach((d) => { if (d && typeof d === 'object' && (d.display ?? d.name) !== undefined) out.push(String(d.display ?? d.name)); }); }
  }
  return out.join('\n');
})()`

// leafTexts answers the texts of the page's smallest elements (cells,
// badges, options, labels): a raw server value shows as one of these.
const leafTexts = `(() => [...document.querySelectorAll('body *')]
  .filter((el) => (el.children.length === 0 && el.offsetParent !== null || el.tagName === 'OPTION') && !el.closest('[translate="no"]'))
  .map((el) => el.textContent.trim()).filter((s) => s))()`

// englishAllowed are the ASCII words the Chinese UI may show: standards and
// formats, units, the product's name, and names in the demo's data.
var englishAllowed = map[string]bool{
	"GTIN": true, "USCC": true, "EPCIS": true, "CSV": true, "XLSX": true, "PNG": true, "JSON": true, "PDF": true,
	"SSCC": true, "GLN": true, "URL": true, "HS": true, "Digital": true, "Link": true, "Ed25519": true,
	"traceledger": true, "ClickHouse": true, "English": true, "bundle": true, "verify": true, "make": true, "run": true,
	"json": true, "grading": true, "http": true, "https": true, "CNY": true, "RFC": true,
}

var (
	asciiWord = regexp.MustCompile(`[A-Za-z0-9_.:/@%+\-]+`)
	letters   = regexp.MustCompile(`[A-Za-z]{3,}`)
	digit     = regexp.MustCompile(`[0-9]`)
	// code is an identifier of capitals only (a unit's serial may have no
	// digit): no word of prose is written in eight or more capitals.
	code = regexp.MustCompile(`^[A-Z]{8,}$`)
)

// englishWords answers the words of text that are English in a Chinese
// page: runs of three or more ASCII letters in a word without digits (a
// word with digits is a code: a GTIN, a lot, a USCC, an id), unless
// allowed. Short English words are caught as raw values by the leaf check.
func englishWords(text string, allowed map[string]bool) []string {
	var out []string
	for _, w := range asciiWord.FindAllString(text, -1) {
		if digit.MatchString(w) || strings.Contains(w, "://") || strings.HasPrefix(w, "/") || code.MatchString(w) {
			continue
		}
		for _, run := range letters.FindAllString(w, -1) {
			if !allowed[run] {
				out = append(out, run)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// rawValues answers, from the page's own dictionary, the values of every
// labelled family whose label differs from the value: a leaf showing one of
// them shows the server's word instead of its label.
const rawValues = `import('/ui/js/dict.js').then(({ dict }) => {
  const families = ['alert', 'severity', 'status', 'customs', 'inspection', 'caseStatus', 'caseStep', 'caseFiledBy', 'caseOverdue',
    'role', 'entRole', 'certState', 'cert', 'withdraw.reason', 'withdraw.kind', 'withdraw.disposition', 'node', 'recallStatus',
    'complaintCategory', 'factor', 'type', 'source', 'find.kind', 'blacklist.reason'];
  const out = {};
  for (const [k, v] of Object.entries(dict[document.documentElement.lang.startsWith('zh') ? 'zh' : 'en'])) {
    const fam = families.find((f) => k.startsWith(f + '.') && !k.slice(f.length + 1).includes(' '));
    if (!fam) continue;
    const raw = k.slice(fam.length + 1);
    if (raw && raw !== v) out[raw] = k;
  }
  return JSON.stringify(out);
})`

// TestWebUIPagesShowEveryWordInTheReadersLanguage walks every page of every
// role in Chinese and in English: a Chinese page shows no English word
// (outside codes, units, standards and the demo's names) and no page shows
// a server value (an alert kind, a status, a role, an event type) instead
// of its label.
func TestWebUIPagesShowEveryWordInTheReadersLanguage(t *testing.T) {
	needBrowser(t)
	u := startUIQualityLedger(t)
	bctx, problems := startBrowser(t)
	allowed := unionOf(englishAllowed, u.demoNames(t))
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			walkUIPages(t, bctx, u, lang, func(t *testing.T, ctx context.Context, p uiPage) {
				if lang == "zh" {
					text := js[string](ctx, t, pageTexts)
					if w := englishWords(text, allowed); len(w) > 0 {
						t.Errorf("%s (%s, %s) shows English in the Chinese UI: %q\nin: %s", p.name, p.role, p.at, w, contexts(text, w))
					}
				}
				var raw map[string]string
				s, err := chromedp.Run(ctx, chromedp.Evaluate[string](rawValues, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal([]byte(s), &raw); err != nil {
					t.Fatal(err)
				}
				var shown []string
				for _, leaf := range js[[]string](ctx, t, leafTexts) {
					if k, ok := raw[leaf]; ok {
						shown = append(shown, fmt.Sprintf("%q (label %s)", leaf, k))
					}
				}
				slices.Sort(shown)
				if shown = slices.Compact(shown); len(shown) > 0 {
					t.Errorf("%s (%s, %s, %s) shows server values instead of their labels: %s", p.name, p.role, p.at, lang, strings.Join(shown, ", "))
				}
			})
		})
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("browser console problems:\n%s", strings.Join(p, "\n"))
	}
}

// contexts answers where words first show in text, a few characters
// around each, to find them on the page.
func contexts(text string, words []string) string {
	var out []string
	for _, w := range words {
		if i := strings.Index(text, w); i >= 0 {
			r := []rune(text[max(0, i-40):min(len(text), i+len(w)+40)])
			out = append(out, strings.ReplaceAll(string(r), "\n", " | "))
		}
	}
	return strings.Join(out, "\n    ")
}

func unionOf(ms ...map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// demoNames answers the ASCII words in the names the demo's data holds
// (brands, products, enterprises): the ledger's data, not the UI's words.
func (u *uiQualityLedger) demoNames(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	var prods struct {
		Products []map[string]any `json:"products"`
	}
	u.apiJSON(fmt.Sprintf("/api/v1/products?limit=1000&min_position=%d", int64(u.head())), u.reg, &prods)
	var ents struct {
		Enterprises []map[string]any `json:"enterprises"`
	}
	u.apiJSON("/api/v1/enterprises?limit=1000", u.reg, &ents)
	for _, rows := range [][]map[string]any{prods.Products, ents.Enterprises} {
		for _, r := range rows {
			for _, k := range []string{"name", "brand", "spec", "manufacturer"} {
				if s, ok := r[k].(string); ok {
					for _, w := range letters.FindAllString(s, -1) {
						out[w] = true
					}
				}
			}
		}
	}
	return out
}

// axeRun runs axe-core on the page and answers its serious and critical
// violations, each with the elements it found them on.
const axeRun = `axe.run(document, { resultTypes: ['violations'] }).then((r) => JSON.stringify(r.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 200)) }))))`

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// TestWebUIPagesHaveNoSeriousAccessibilityViolation runs axe-core (vendored
// in testdata/axe) on every page of every role: no serious or critical
// violation (labels, contrast, landmarks, names of controls, lang).
func TestWebUIPagesHaveNoSeriousAccessibilityViolation(t *testing.T) {
	needBrowser(t)
	src, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	u := startUIQualityLedger(t)
	bctx, _ := startBrowser(t)
	walkUIPages(t, bctx, u, "zh", func(t *testing.T, ctx context.Context, p uiPage) {
		if !js[bool](ctx, t, `typeof axe !== 'undefined'`) {
			js[bool](ctx, t, string(src)+"\n;true")
		}
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](axeRun, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("axe: %v", err)
		}
		var vs []axeViolation
		if err := json.Unmarshal([]byte(s), &vs); err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			t.Errorf("%s (%s, %s): %s %s: %s\n  %s", p.name, p.role, p.at, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
		}
	})
}

// fitsTheScreen answers, as JSON, what does not fit a phone's width: the
// page wider than the screen, or a cell of a table drawn past its edge.
const fitsTheScreen = `JSON.stringify((() => {
  const out = [];
  const w = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth + 'px wide in a ' + w + 'px screen');
  for (const td of document.querySelectorAll('table.cards td')) {
    const r = td.getBoundingClientRect();
    if (r.width > 0 && (r.right > w + 1 || r.left < -1)) { out.push('cell "' + td.textContent.slice(0, 40) + '" spans ' + Math.round(r.left) + '-' + Math.round(r.right) + 'px'); break; }
  }
  return out;
})())`

// TestWebUITablesFitAPhone opens the alert list, a recall's progress and a
// trace's holders at 390 px: every row is readable (a card, each value
// under its header) and the page is never wider than the screen.
func TestWebUITablesFitAPhone(t *testing.T) {
	needBrowser(t)
	u := startUIQualityLedger(t)
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	if err := chromedp.Do(ctx, chromedp.Emulate(device.IPhone12), signIn(u.base, u.reg)); err != nil {
		t.Fatal(err)
	}
	if w := js[int](ctx, t, `document.documentElement.clientWidth`); w != 390 {
		t.Fatalf("the phone is %d px wide, want 390", w)
	}
	for _, p := range []struct{ name, hash, table string }{
		{"alerts", "#/alerts", "#view table tbody tr"},
		{"recall progress", "#/recall/" + u.recallID, "#recall-holders tbody tr"},
		{"trace holders", "#/trace/" + u.gtin + "/" + u.lot + "/downstream", "#holders tbody tr"},
	} {
		t.Run(p.name, func(t *testing.T) {
			ctx := within(t, bctx)
			if err := chromedp.Do(ctx, goHash(p.hash), chromedp.WaitReady(chromedp.CSS(p.table))); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond)
			var bad []string
			if err := json.Unmarshal([]byte(js[string](ctx, t, fitsTheScreen)), &bad); err != nil {
				t.Fatal(err)
			}
			if len(bad) > 0 {
				t.Errorf("%s at 390 px: %s", p.name, strings.Join(bad, "; "))
			}
			if js[string](ctx, t, fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).display`, p.table)) != "block" {
				t.Errorf("%s at 390 px: the rows are not cards", p.name)
			}
		})
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("browser console problems:\n%s", strings.Join(p, "\n"))
	}
}

// TestWebUIDashboardFillsItsRows opens the dashboard on a desktop screen:
// every row of its grid is filled edge to edge (no panel alone in a row
// built for three).
func TestWebUIDashboardFillsItsRows(t *testing.T) {
	needBrowser(t)
	u := startUIQualityLedger(t)
	bctx, _ := startBrowser(t)
	ctx := within(t, bctx)
	if err := chromedp.Do(ctx, signIn(u.base, u.ana), goHash("#/dashboard"), chromedp.WaitReady(chromedp.ID("dash-done"))); err != nil {
		t.Fatal(err)
	}
	rows := js[string](ctx, t, `JSON.stringify((() => {
  const grid = document.querySelector('#view .grid');
  const g = grid.getBoundingClientRect();
  const rows = {};
  for (const p of grid.children) {
    const r = p.getBoundingClientRect();
    const k = Math.round(r.top);
    (rows[k] = rows[k] || { left: r.left, right: r.right, panels: [] });
    rows[k].left = Math.min(rows[k].left, r.left); rows[k].right = Math.max(rows[k].right, r.right);
    rows[k].panels.push(p.id);
  }
  return Object.values(rows).filter((r) => r.left - g.left > 2 || g.right - r.right > 2).map((r) => r.panels.join('+') + ' spans ' + Math.round(r.left - g.left) + '-' + Math.round(r.right - g.left) + ' of ' + Math.round(g.width) + 'px');
})())`)
	var unfilled []string
	if err := json.Unmarshal([]byte(rows), &unfilled); err != nil {
		t.Fatal(err)
	}
	if len(unfilled) > 0 {
		t.Errorf("dashboard rows not filled at 1366 px: %s", strings.Join(unfilled, "; "))
	}
}
