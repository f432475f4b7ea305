package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"

	"github.com/traceledger/traceledger/domain/access"
)

// TestWebUI drives the web UI in headless Chromium against a served demo
// ledger: the dashboard's charts, a batch's trace, a recall's export, an
// item's verified timeline and the public card at phone width.
func TestWebUI(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	reported := 0
	noProblems := func(t *testing.T) {
		t.Helper()
		all := problems()
		p := all[reported:]
		reported = len(all)
		if len(p) > 0 {
			t.Errorf("console errors or exceptions:\n%s", strings.Join(p, "\n"))
		}
	}
	if err := chromedp.Do(ctx, signIn(u.base, u.reg)); err != nil {
		shot, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.CaptureScreenshot())
		os.WriteFile(filepath.Join(os.TempDir(), "webui-signin-failure.png"), shot, 0o644)
		t.Fatalf("sign in: %v (screenshot in %s; page problems %q)", err, os.TempDir(), problems())
	}

	t.Run("dashboard renders its charts", func(t *testing.T) {
		ctx := within(t, bctx)
		if err := chromedp.Do(ctx, goHash("#/dashboard"), chromedp.WaitReady(chromedp.ID("dash-done"))); err != nil {
			t.Fatal(err)
		}
		charts := js[int](ctx, t, `document.querySelectorAll('.chart[data-chart=ready]').length`)
		canvases := js[int](ctx, t, `document.querySelectorAll('.chart canvas').length`)
		sources := js[string](ctx, t, `[...document.querySelectorAll('.badge.source')].map(b => b.textContent).join(',')`)
		if charts < 6 || canvases < charts {
			t.Errorf("%d charts ready, %d canvases; want the 6 dashboard charts drawn", charts, canvases)
		}
		if strings.Count(sources, "embedded") < 6 {
			t.Errorf("source badges %q, want each answer's source (embedded)", sources)
		}
		noProblems(t)
	})

	t.Run("dashboard ranks problem regions and operators", func(t *testing.T) {
		ctx := within(t, bctx)
		if err := chromedp.Do(ctx, goHash("#/dashboard"), chromedp.WaitReady(chromedp.ID("dash-done"))); err != nil {
			t.Fatal(err)
		}
		titles := js[string](ctx, t, `[...document.querySelectorAll('.panel h2')].map(h => h.textContent).join('|')`)
		for _, want := range [][2]string{{"问题区域", "Worst regions"}, {"问题经营者", "Worst operators"}} {
			if !strings.Contains(titles, want[0]) && !strings.Contains(titles, want[1]) {
				t.Errorf("panel titles %q: no %s panel", titles, want[1])
			}
		}
		if charts := js[int](ctx, t, `document.querySelectorAll('.chart[data-chart=ready]').length`); charts < 8 {
			t.Errorf("%d charts ready, want the region and operator charts drawn too", charts)
		}
		noProblems(t)
	})

	t.Run("batch trace shows the holders", func(t *testing.T) {
		ctx := within(t, bctx)
		var want struct {
			Holders []struct{ Name string } `json:"holders"`
		}
		u.apiJSON("/api/v1/batches/"+u.gtin+"/"+u.lot+"/trace?direction=downstream", u.reg, &want)
		err := chromedp.Do(ctx,
			goHash("#/trace/"+u.gtin+"/"+u.lot+"/downstream"),
			chromedp.WaitVisible(chromedp.CSS(`#holders tbody tr`)),
			chromedp.WaitReady(chromedp.CSS(`#trace-graph canvas`)))
		if err != nil {
			html, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`document.body.innerText`))
			t.Fatalf("%v: %q %q", err, html, problems())
		}
		got := js[[]string](ctx, t, `[...document.querySelectorAll('#holders tbody tr td:first-child')].map(td => td.textContent)`)
		nodes := js[int](ctx, t, `echarts.getInstanceByDom(document.getElementById('trace-graph')).getOption().series[0].data.length`)
		var names []string
		for _, h := range want.Holders {
			names = append(names, h.Name)
		}
		if len(names) < 2 || !slices.Equal(got, names) {
			t.Errorf("holders shown %q, want the trace's %q", got, names)
		}
		if nodes < len(names) {
			t.Errorf("graph of %d nodes for %d holders", nodes, len(names))
		}
		noProblems(t)
	})

	t.Run("recall export downloads", func(t *testing.T) {
		ctx := within(t, bctx)
		dir := t.TempDir()
		for _, format := range []string{"csv", "xlsx"} {
			err := chromedp.Do(ctx,
				chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
					_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
						Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
					return err
				}),
				goHash("#/recall/"+u.recallID),
				chromedp.WaitVisible(chromedp.CSS(`#recall-holders tbody tr`)),
				chromedp.Click(chromedp.ID("export-"+format)))
			if err != nil {
				t.Fatal(err)
			}
			body := waitFile(t, filepath.Join(dir, "recall-"+u.recallID+"."+format))
			if format == "csv" && strings.Count(string(body), "\n") < 3 {
				t.Errorf("csv export %.300q, want a row per holder", body)
			}
			if format == "xlsx" && !strings.HasPrefix(string(body), "PK") {
				t.Errorf("xlsx export is not a zip: %.20q", body)
			}
		}
		noProblems(t)
	})

	t.Run("audit timeline verifies every event", func(t *testing.T) {
		ctx := within(t, bctx)
		err := chromedp.Do(ctx,
			goHash("#/audit/item/"+strings.ReplaceAll(u.item, "/", "%2F")),
			chromedp.WaitVisible(chromedp.CSS(`#verify-summary[data-verified]`)))
		if err != nil {
			t.Fatal(err)
		}
		events := js[int](ctx, t, `document.querySelectorAll('#timeline > li').length`)
		verified := js[string](ctx, t, `document.getElementById('verify-summary').dataset.verified`)
		summary := js[string](ctx, t, `document.getElementById('verify-summary').textContent`)
		if events < 3 || verified != strconv.Itoa(events) {
			t.Errorf("%s of %d events verified against the checkpoint: %q", verified, events, summary)
		}
		signature := js[string](ctx, t, `document.getElementById('verify-summary').dataset.signature`)
		if signature != "verified" || !strings.Contains(summary, "signature verified") {
			t.Errorf("checkpoint signature %s, want verified: %q", signature, summary)
		}
		var head struct {
			VerifierKey string `json:"verifier_key"`
		}
		u.apiJSON("/api/v1/ledger/head", u.reg, &head)
		if shown := js[string](ctx, t, `document.getElementById('verifier-key').textContent`); head.VerifierKey == "" || shown != head.VerifierKey {
			t.Errorf("verifier key shown %q, want the server's %q", shown, head.VerifierKey)
		}
		noProblems(t)
	})

	t.Run("audit search finds a customs declaration", func(t *testing.T) {
		ctx := within(t, bctx)
		decl := u.releasedDeclaration()
		err := chromedp.Do(ctx,
			goHash("#/audit"),
			chromedp.WaitVisible(chromedp.CSS(`#audit-search input[name=q]`)),
			chromedp.SetValue(chromedp.CSS(`#audit-search input[name=q]`), decl.No),
			chromedp.Click(chromedp.CSS(`#audit-search button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`#decl-lines tbody tr`)))
		if err != nil {
			html, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`document.body.innerText`))
			t.Fatalf("%v: %q %q", err, html, problems())
		}
		port := js[string](ctx, t, `document.getElementById('decl-port').textContent`)
		decision := js[string](ctx, t, `document.getElementById('decl-decision').dataset.decision`)
		lines := js[[]string](ctx, t, `[...document.querySelectorAll('#decl-lines tbody tr')].map(tr => tr.cells[0].textContent + '/' + tr.cells[1].textContent)`)
		links := js[int](ctx, t, `document.querySelectorAll('#decl-lines a.decl-timeline, #decl-lines a.decl-trace').length`)
		var want []string
		for _, l := range decl.Lines {
			want = append(want, l.GTIN+"/"+l.Lot)
		}
		if port != decl.Port || decision != "released" {
			t.Errorf("declaration %s shows port %q, decision %q; want %q, released", decl.No, port, decision, decl.Port)
		}
		if len(want) == 0 || !slices.Equal(lines, want) || links != 2*len(want) {
			t.Errorf("lines shown %q with %d links, want %q each with its timeline and trace", lines, links, want)
		}
		noProblems(t)
	})

	t.Run("a holder acknowledges its recall notice", func(t *testing.T) {
		ctx := within(t, bctx)
		var list struct {
			InitiatedBy string `json:"initiated_by"`
			Holders     []struct {
				USCC         string `json:"uscc"`
				Affected     int64  `json:"affected"`
				Acknowledged bool   `json:"acknowledged"`
			} `json:"holders"`
		}
		u.apiJSON("/api/v1/recalls/"+u.recallID, u.reg, &list)
		holder := ""
		for _, h := range list.Holders {
			if !h.Acknowledged && h.Affected > 0 && h.USCC != list.InitiatedBy {
				holder = h.USCC
				break
			}
		}
		if holder == "" {
			t.Fatalf("the demo's level-1 recall has no holder left to acknowledge: %+v", list)
		}
		notice, ack := "#notice-"+u.recallID, "#ack-"+u.recallID
		// Signing out is forgetting the session's token.
		signOut := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`sessionStorage.clear(), true`)(ctx, tg)
			return err
		})
		err := chromedp.Do(ctx,
			signOut,
			signIn(u.base, u.token(access.RoleEnterprise, holder)),
			// The holder lands on its home, which leads to its notices.
			chromedp.WaitVisible(chromedp.ID("home-notices")),
			chromedp.Click(chromedp.ID("home-notices")),
			chromedp.WaitVisible(chromedp.CSS(notice+` `+ack+` button[type=submit]`)),
			chromedp.SetValue(chromedp.CSS(ack+` input[name=note]`), "已下架封存"),
			chromedp.Click(chromedp.CSS(ack+` button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(notice+`[data-acknowledged=true] .ack-done`)))
		if err != nil {
			html, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`document.body.innerText`))
			t.Fatalf("%v: %q %q", err, html, problems())
		}
		if hash := js[string](ctx, t, `location.hash`); hash != "#/notices" {
			t.Errorf("the holder's home led to %s, want its notices", hash)
		}
		acknowledged := func() bool {
			u.apiJSON("/api/v1/recalls/"+u.recallID, u.reg, &list)
			for _, h := range list.Holders {
				if h.USCC == holder {
					return h.Acknowledged
				}
			}
			return false
		}
		for deadline := time.Now().Add(10 * time.Second); !acknowledged(); time.Sleep(100 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the regulator's recall list does not show %s acknowledged", holder)
			}
		}
		err = chromedp.Do(ctx,
			signOut,
			signIn(u.base, u.reg),
			goHash("#/recall/"+u.recallID),
			chromedp.WaitVisible(chromedp.CSS(`#recall-holders .ack[data-uscc="`+holder+`"][data-acknowledged=true]`)))
		if err != nil {
			html, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`document.body.innerText`))
			t.Fatalf("the regulator's list: %v: %q %q", err, html, problems())
		}
		if plan := js[string](ctx, t, `(document.getElementById('recall-plan') || {}).textContent || ''`); plan == "" {
			t.Errorf("the recall page shows no plan")
		}
		noProblems(t)
	})

	t.Run("product page shows the certificate's versions", func(t *testing.T) {
		ctx := within(t, bctx)
		gtin := u.firstEventGTIN("certificate.amended.v1")
		err := chromedp.Do(ctx, goHash("#/audit/product/"+gtin), chromedp.WaitVisible(chromedp.CSS(`#cert-history tbody tr`)))
		if err != nil {
			t.Fatal(err)
		}
		rows := js[[]string](ctx, t, `[...document.querySelectorAll('#cert-history tbody tr')].map(tr => tr.cells[2].textContent + '|' + tr.cells[3].textContent)`)
		intake := js[string](ctx, t, `document.getElementById('cert-intake').className`)
		version := js[string](ctx, t, `document.getElementById('cert-version').textContent`)
		amended := false
		for _, r := range rows {
			amended = amended || strings.Contains(r, "→")
		}
		if len(rows) < 3 || !amended || version == "—" || version == "1" || !strings.Contains(intake, "ok") {
			t.Errorf("certificate of %s: history %q, version %q, intake %q; want its issue, renewal and amendment and goods admitted", gtin, rows, version, intake)
		}
		// The regulator renews it from the page: one more version, one more row.
		err = chromedp.Do(ctx,
			chromedp.SetValue(chromedp.CSS(`#cert-renew input[name=valid_days]`), "30"),
			chromedp.Click(chromedp.CSS(`#cert-renew button[type=submit]`)))
		if err != nil {
			t.Fatalf("renew from the page: %v", err)
		}
		for deadline := time.Now().Add(25 * time.Second); js[int](ctx, t, `document.querySelectorAll('#cert-history tbody tr').length`) <= len(rows); {
			if time.Now().After(deadline) {
				t.Fatalf("the renewal never showed: %q", js[string](ctx, t, `document.body.innerText`))
			}
			time.Sleep(50 * time.Millisecond)
		}
		want, _ := strconv.Atoi(version)
		if after := js[string](ctx, t, `document.getElementById('cert-version').textContent`); after != strconv.Itoa(want+1) {
			t.Errorf("after the renewal the version is %q, want %d", after, want+1)
		}
		noProblems(t)
	})

	t.Run("the owner amends its certificate's record number from the product page", func(t *testing.T) {
		ctx := within(t, bctx)
		gtin := u.firstEventGTIN("certificate.amended.v1")
		owner := u.productOwner(gtin)
		signOut := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`sessionStorage.clear(), true`)(ctx, tg)
			return err
		})
		err := chromedp.Do(ctx,
			signOut,
			signIn(u.base, u.token(access.RoleEnterprise, owner)),
			goHash("#/audit/product/"+gtin),
			chromedp.WaitVisible(chromedp.CSS(`#cert-amend input[name=holder_uscc]`)))
		if err != nil {
			t.Fatalf("the owner's product page: %v: %q", err, js[string](ctx, t, `document.body.innerText`))
		}
		// The holder is the signed-in enterprise, from GET /api/v1/me.
		holder := js[string](ctx, t, `document.querySelector('#cert-amend input[name=holder_uscc]').value`)
		fixed := js[bool](ctx, t, `document.querySelector('#cert-amend input[name=holder_uscc]').readOnly`)
		if holder != owner || !fixed {
			t.Errorf("the amendment's holder is %q (read-only %v), want the signed-in %s", holder, fixed, owner)
		}
		if js[int](ctx, t, `document.querySelectorAll('#cert-renew').length`) != 0 {
			t.Errorf("an enterprise is offered the regulator's renewal")
		}
		rows := js[int](ctx, t, `document.querySelectorAll('#cert-history tbody tr').length`)
		err = chromedp.Do(ctx,
			chromedp.SetValue(chromedp.CSS(`#cert-amend input[name=record_no]`), "TL-AMEND-0001"),
			chromedp.SetValue(chromedp.CSS(`#cert-amend input[name=reason]`), "备案号变更"),
			chromedp.Click(chromedp.CSS(`#cert-amend button[type=submit]`)))
		if err != nil {
			t.Fatalf("amend from the page: %v", err)
		}
		for deadline := time.Now().Add(25 * time.Second); js[int](ctx, t, `document.querySelectorAll('#cert-history tbody tr').length`) <= rows; {
			if time.Now().After(deadline) {
				t.Fatalf("the amendment never showed: %q", js[string](ctx, t, `document.body.innerText`))
			}
			time.Sleep(50 * time.Millisecond)
		}
		if hist := js[string](ctx, t, `document.getElementById('cert-history').innerText`); !strings.Contains(hist, "TL-AMEND-0001") {
			t.Errorf("the history does not show the new record number: %q", hist)
		}
		if err := chromedp.Do(ctx, signOut, signIn(u.base, u.reg)); err != nil {
			t.Fatalf("sign the regulator back in: %v", err)
		}
		noProblems(t)
	})

	t.Run("public card at phone width", func(t *testing.T) {
		ctx := within(t, bctx)
		var card map[string]any
		u.apiJSON(u.item, "", &card)
		err := chromedp.Do(ctx,
			chromedp.Emulate(device.IPhone12),
			chromedp.Navigate(u.base+u.item),
			chromedp.WaitVisible(chromedp.ID("card-facts")))
		if err != nil {
			t.Fatal(err)
		}
		defer chromedp.Do(bctx, chromedp.EmulateReset())
		name := js[string](ctx, t, `document.getElementById('product-name').textContent`)
		recall := js[string](ctx, t, `document.getElementById('recall-status').innerText`)
		cert := js[string](ctx, t, `document.getElementById('certificate-status').innerText`)
		width := js[int](ctx, t, `window.innerWidth`)
		overflow := js[bool](ctx, t, `document.documentElement.scrollWidth > window.innerWidth`)
		if name != card["product_name"] || recall == "" || cert == "" {
			t.Errorf("card shows %q / %q / %q, want product %v with its recall and certificate status", name, recall, cert, card["product_name"])
		}
		if width > 430 || overflow {
			t.Errorf("viewport %d px, overflowing %v: want the card to fit a phone", width, overflow)
		}
		noProblems(t)
	})

	t.Run("inspection targets list every class with its sampling rates", func(t *testing.T) {
		ctx := within(t, bctx)
		var want struct {
			Targets []struct{ USCC string } `json:"targets"`
		}
		u.apiJSON("/api/v1/inspections/targets?limit=1000", u.reg, &want)
		if err := chromedp.Do(ctx, chromedp.Navigate(u.base+"/#/targets"), chromedp.WaitVisible(chromedp.CSS(`#targets tbody tr`))); err != nil {
			t.Fatal(err)
		}
		rows := js[int](ctx, t, `document.querySelectorAll('#targets tbody tr').length`)
		rate := js[string](ctx, t, `document.querySelector('#targets tbody tr td:last-child').textContent`)
		if rows != len(want.Targets) || !strings.HasSuffix(rate, "%") {
			t.Errorf("%d rows (first market rate %q), want the %d targets with their rates", rows, rate, len(want.Targets))
		}
		noProblems(t)
	})

	t.Run("the public blacklist page needs no token", func(t *testing.T) {
		ctx := within(t, bctx)
		var want struct {
			Changes []struct{ USCC string } `json:"changes"`
		}
		u.apiJSON("/api/v1/public/blacklist/history", "", &want)
		if err := chromedp.Do(ctx, chromedp.Navigate(u.base+"/blacklist"), chromedp.WaitVisible(chromedp.ID("blacklist-history"))); err != nil {
			t.Fatal(err)
		}
		rows := js[int](ctx, t, `document.querySelectorAll('#blacklist-history tbody tr').length`)
		listed := js[bool](ctx, t, `!!(document.getElementById('blacklist-listed') || document.getElementById('blacklist-empty'))`)
		if rows != len(want.Changes) || !listed {
			t.Errorf("%d history rows (listed section shown %v), want the %d changes", rows, listed, len(want.Changes))
		}
		noProblems(t)
	})
}

// uiDeclaration is a customs declaration as the API answers it.
type uiDeclaration struct {
	No       string `json:"declaration_no"`
	Port     string `json:"port"`
	Decision string `json:"decision"`
	Lines    []struct {
		GTIN string `json:"gtin"`
		Lot  string `json:"lot"`
	} `json:"lines"`
}

// releasedDeclaration finds a released declaration of the demo: the
// customs.declared.v1 events of the global log, read with the regulator's
// token, then each declaration until one is released.
func (u *uiLedger) releasedDeclaration() uiDeclaration {
	u.t.Helper()
	after := uint64(0)
	for {
		var page struct {
			Events []struct {
				Position uint64 `json:"position"`
				Type     string `json:"type"`
				Data     struct {
					No string `json:"declaration_no"`
				} `json:"data"`
			} `json:"events"`
		}
		u.apiJSON("/api/v1/events?limit=1000&after="+strconv.FormatUint(after, 10), u.reg, &page)
		if len(page.Events) == 0 {
			u.t.Fatal("the demo has no released customs declaration")
		}
		for _, e := range page.Events {
			after = e.Position
			if e.Type != "customs.declared.v1" {
				continue
			}
			var d uiDeclaration
			u.apiJSON("/api/v1/customs/declarations/"+e.Data.No, u.reg, &d)
			if d.Decision == "released" {
				return d
			}
		}
	}
}

// waitFile waits for a download to land and answers its bytes.
func waitFile(t *testing.T, path string) []byte {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			return b
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s was not downloaded", filepath.Base(path))
	return nil
}

// firstEventGTIN is the product of the first event of type typ in the demo's
// log, read with the regulator's token.
func (u *uiLedger) firstEventGTIN(typ string) string {
	u.t.Helper()
	after := uint64(0)
	for {
		var page struct {
			Events []struct {
				Position uint64 `json:"position"`
				Type     string `json:"type"`
				Data     struct {
					GTIN string `json:"gtin"`
				} `json:"data"`
			} `json:"events"`
		}
		u.apiJSON("/api/v1/events?limit=1000&after="+strconv.FormatUint(after, 10), u.reg, &page)
		if len(page.Events) == 0 {
			u.t.Fatalf("the demo has no %s event", typ)
		}
		for _, e := range page.Events {
			after = e.Position
			if e.Type == typ {
				return e.Data.GTIN
			}
		}
	}
}

// productOwner is the USCC that registered gtin, read from the log with
// the regulator's token.
func (u *uiLedger) productOwner(gtin string) string {
	u.t.Helper()
	after := uint64(0)
	for {
		var page struct {
			Events []struct {
				Position uint64 `json:"position"`
				Type     string `json:"type"`
				Data     struct {
					GTIN      string `json:"gtin"`
					OwnerUSCC string `json:"owner_uscc"`
				} `json:"data"`
			} `json:"events"`
		}
		u.apiJSON("/api/v1/events?limit=1000&after="+strconv.FormatUint(after, 10), u.reg, &page)
		if len(page.Events) == 0 {
			u.t.Fatalf("no registration of product %s in the demo", gtin)
		}
		for _, e := range page.Events {
			after = e.Position
			if e.Type == "product.registered.v1" && e.Data.GTIN == gtin {
				return e.Data.OwnerUSCC
			}
		}
	}
}
