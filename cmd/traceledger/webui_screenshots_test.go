package main

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"

	"github.com/traceledger/traceledger/domain/access"
)

// TestWebUIScreenshots writes a PNG of each page, at desktop width in
// English and at phone width in Chinese, into the directory named by
// TRACELEDGER_SCREENSHOTS (docs/screenshots for the README):
//
//	TRACELEDGER_SCREENSHOTS=$PWD/docs/screenshots go test -run TestWebUIScreenshots ./cmd/traceledger
func TestWebUIScreenshots(t *testing.T) {
	dir := os.Getenv("TRACELEDGER_SCREENSHOTS")
	if dir == "" {
		t.Skip("set TRACELEDGER_SCREENSHOTS=DIR to write the UI's screenshots")
	}
	needBrowser(t)
	u := startUILedger(t)
	bctx, _ := startBrowser(t)
	ent := u.token(access.RoleEnterprise, "91440115MADA0JGJBT")
	adm := u.token(access.RoleAdmin, "")
	pages := []struct {
		name, hash, ready string
		token             string // "" for the regulator
	}{
		{"dashboard", "#/dashboard", "#dash-done", ""},
		{"audit-item", "#/audit/item/" + strings.ReplaceAll(u.item, "/", "%2F"), "#verify-summary[data-verified]", ""},
		{"enterprise", "#/enterprise/91440115MADA0JGJBT", "#verify-summary[data-verified]", ""},
		{"certificate", "#/audit/product/" + u.gtin, "#verify-summary[data-verified]", ""},
		{"trace", "#/trace/" + u.gtin + "/" + u.lot + "/downstream", "#trace-graph canvas", ""},
		{"recalls", "#/recalls", "#recall-list tbody tr", ""},
		{"recall", "#/recall/" + u.recallID, "#recall-holders tbody tr", ""},
		{"alerts", "#/alerts", "#alerts-list tbody tr", ""},
		{"report-item", "#/report/item/" + strings.ReplaceAll(u.item, "/", "%2F"), "#report-verify", ""},
		{"enterprise-home", "#/home", "#view[data-route]", ent},
		{"enterprise-grade", "#/grade", "#view[data-route]", ent},
		{"admin-status", "#/admin-status", "#view[data-route]", adm},
	}
	shoot := func(t *testing.T, file string, full bool) {
		ctx := within(t, bctx)
		time.Sleep(700 * time.Millisecond) // the trace graph's layout settles
		shot := chromedp.CaptureScreenshot()
		if full {
			shot = chromedp.FullScreenshot(100)
		}
		png, err := chromedp.Run(ctx, shot)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, file), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, size := range []struct {
		suffix, lang string
		phone        bool
	}{{"desktop", "en", false}, {"phone", "zh", true}} {
		ctx := within(t, bctx)
		setup := []chromedp.Action[chromedp.Void]{chromedp.EmulateReset()}
		if size.phone {
			setup = append(setup, chromedp.Emulate(device.IPhone12))
		}
		setup = append(setup,
			chromedp.Navigate(u.base+"/"),
			chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := chromedp.Evaluate[bool](`sessionStorage.clear(), localStorage.setItem('traceledger.lang', '`+size.lang+`'), true`)(ctx, t)
				return err
			}),
			chromedp.Reload(),
			chromedp.WaitVisible(chromedp.ID("token")))
		if err := chromedp.Do(ctx, setup...); err != nil {
			t.Fatal(err)
		}
		shoot(t, "signin-"+size.suffix+".png", false)
		if err := chromedp.Do(ctx, signIn(u.base, u.reg)); err != nil {
			t.Fatal(err)
		}
		signedIn := u.reg
		for _, p := range pages {
			if tok := cmp.Or(p.token, u.reg); tok != signedIn {
				js[bool](within(t, bctx), t, `sessionStorage.clear(), true`)
				if err := chromedp.Do(within(t, bctx), chromedp.Reload(), signIn(u.base, tok)); err != nil {
					t.Fatalf("%s: sign in: %v", p.name, err)
				}
				signedIn = tok
			}
			if err := chromedp.Do(within(t, bctx), goHash(p.hash), chromedp.WaitReady(chromedp.CSS(p.ready))); err != nil {
				t.Fatalf("%s: %v", p.name, err)
			}
			shoot(t, p.name+"-"+size.suffix+".png", !size.phone)
		}
		if err := chromedp.Do(within(t, bctx), chromedp.Navigate(u.base+u.item), chromedp.WaitVisible(chromedp.ID("card-facts"))); err != nil {
			t.Fatal(err)
		}
		shoot(t, "public-card-"+size.suffix+".png", true)
		if err := chromedp.Do(within(t, bctx), chromedp.Navigate(u.base+"/01/"+u.gtin), chromedp.WaitVisible(chromedp.ID("product-certificate"))); err != nil {
			t.Fatal(err)
		}
		shoot(t, "public-product-"+size.suffix+".png", true)
	}
}
