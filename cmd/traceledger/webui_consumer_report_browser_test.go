package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
)

// TestWebUIConsumerPagesAndThePrintableAuditReport walks the public pages a
// shopper opens on a phone (a recalled item in Chinese and English, a
// GTIN-only product page, an unknown code) and the audit report a regulator
// files, printed to PDF by Chromium.
func TestWebUIConsumerPagesAndThePrintableAuditReport(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	bctx, problems := startBrowser(t)
	// The pages the test opens to see their error status are logged by
	// the browser as failed loads: expected, not problems.
	badCode := "/01/" + badCheckDigit(u.gtin) + "/10/" + url.PathEscape(u.lot) + "/21/A-VERY-LONG-SERIAL-NUMBER-THAT-A-HALF-SCAN-LEFT-ON-THE-LINE-0000000000000000"
	const unknownGTIN = "/01/04006381333931"
	noProblems := func(t *testing.T) {
		t.Helper()
		var real []string
		for _, p := range problems() {
			if !strings.Contains(p, u.base+badCode+":") && !strings.Contains(p, u.base+unknownGTIN+":") {
				real = append(real, p)
			}
		}
		if len(real) > 0 {
			t.Errorf("console problems: %v", real)
		}
	}
	recalled, card := u.recalledItem(t)

	t.Run("a consumer at 390 px reads why a recalled item is recalled and what to do, in zh and en", func(t *testing.T) {
		ctx := within(t, bctx)
		if err := chromedp.Do(ctx, chromedp.Emulate(device.IPhone12), chromedp.Navigate(u.base+recalled),
			storeLang("zh"), chromedp.Reload(),
			chromedp.WaitVisible(chromedp.ID("recall-notice"))); err != nil {
			t.Fatal(err)
		}
		defer chromedp.Do(bctx, chromedp.EmulateReset())
		check := func(lang, title, whatToDo string) {
			t.Helper()
			if w := js[int](ctx, t, `window.innerWidth`); w != 390 {
				t.Errorf("%s: viewport %d px, want 390", lang, w)
			}
			if sw := js[int](ctx, t, `document.documentElement.scrollWidth`); sw > 390 {
				t.Errorf("%s: the page is %d px wide at 390: it overflows", lang, sw)
			}
			notice := js[string](ctx, t, `document.getElementById('recall-notice').innerText`)
			for _, want := range []string{title, whatToDo, card.RecallReason, card.RecallHazard, card.RecallMeasures} {
				if !strings.Contains(notice, want) {
					t.Errorf("%s: the recall notice lacks %q:\n%s", lang, want, notice)
				}
			}
			if ret := js[string](ctx, t, `document.getElementById('recall-return').innerText`); card.Seller != "" && !strings.Contains(ret, card.Seller) {
				t.Errorf("%s: where to return says %q, want the seller %q", lang, ret, card.Seller)
			}
		}
		check("zh", "本商品已被召回", "您应该怎么做")
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button.lang`)),
			chromedp.WaitVisible(chromedp.ID("recall-notice"))); err != nil {
			t.Fatal(err)
		}
		check("en", "This item is recalled", "What to do")
		noProblems(t)
	})

	t.Run("a mistyped code names the check digit in the reader's language and fits the phone", func(t *testing.T) {
		ctx := within(t, bctx)
		bad := badCheckDigit(u.gtin)
		if err := chromedp.Do(ctx, chromedp.Emulate(device.IPhone12), chromedp.Navigate(u.base+badCode),
			chromedp.WaitVisible(chromedp.ID("error-detail"))); err != nil {
			t.Fatal(err)
		}
		defer chromedp.Do(bctx, chromedp.EmulateReset())
		detail := js[string](ctx, t, `document.getElementById('error-detail').innerText`)
		want := fmt.Sprintf("should be %c, not %c", u.gtin[13], bad[13])
		if !strings.Contains(detail, want) || strings.Contains(detail, ", got ") || strings.Contains(detail, "Digital Link path") {
			t.Errorf("the error says %q, want %q in the reader's words", detail, want)
		}
		if sw := js[int](ctx, t, `document.documentElement.scrollWidth`); sw > 390 {
			t.Errorf("the error page is %d px wide at 390: it overflows", sw)
		}
		noProblems(t)
	})

	t.Run("a GTIN-only code shows the product and its certificate", func(t *testing.T) {
		ctx := within(t, bctx)
		var product struct {
			ProductName       string `json:"product_name"`
			CertificateStatus string `json:"certificate_status"`
			ValidTo           string `json:"valid_to"`
		}
		u.apiJSON("/01/"+u.gtin, "", &product)
		if err := chromedp.Do(ctx, chromedp.Navigate(u.base+"/01/"+u.gtin), chromedp.WaitVisible(chromedp.ID("product-facts"))); err != nil {
			t.Fatal(err)
		}
		name := js[string](ctx, t, `document.getElementById('product-name').textContent`)
		status := js[string](ctx, t, `document.getElementById('product-certificate').dataset.status`)
		text := js[string](ctx, t, `document.getElementById('product-certificate').innerText`)
		if name != product.ProductName || status != product.CertificateStatus || (product.ValidTo != "" && !strings.Contains(text, product.ValidTo)) {
			t.Errorf("product page shows %q / %q / %q, want %+v", name, status, text, product)
		}
		noProblems(t)
	})

	t.Run("an unknown GTIN in a browser is an HTML page with 404", func(t *testing.T) {
		ctx := within(t, bctx)
		res, err := chromedp.Run(ctx, chromedp.NavigateResponse(u.base+unknownGTIN))
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != http.StatusNotFound || !strings.HasPrefix(res.MimeType, "text/html") {
			t.Errorf("unknown GTIN = %d %s, want 404 text/html", res.Status, res.MimeType)
		}
		if s := js[string](ctx, t, `(document.getElementById('error-status') || {}).textContent || ''`); s != "404" {
			t.Errorf("the page shows status %q, want 404: %q", s, js[string](ctx, t, `document.body.innerText`))
		}
		noProblems(t)
	})

	t.Run("a regulator prints an item's audit report to PDF", func(t *testing.T) {
		ctx := within(t, bctx)
		err := chromedp.Do(ctx, signIn(u.base, u.reg), goHash("#/report/item/"+url.PathEscape(recalled)),
			chromedp.WaitVisible(chromedp.ID("report-verify")))
		if err != nil {
			t.Fatal(err)
		}
		if v := js[string](ctx, t, `document.getElementById('report-verify').dataset.verified`); v != "true" {
			t.Errorf("the report is not verified: %q", js[string](ctx, t, `document.getElementById('report').innerText`))
		}
		size := js[string](ctx, t, `(document.querySelector('.report-tree-size') || {}).textContent || ''`)
		sig := js[string](ctx, t, `(document.querySelector('.report-signature') || {}).dataset.signature || ''`)
		rows := js[int](ctx, t, `document.querySelectorAll('#report-events tbody tr').length`)
		if size == "" || size == "—" || sig != "verified" || rows == 0 {
			t.Errorf("checkpoint tree size %q, signature %q, %d events: want the checkpoint shown and verified", size, sig, rows)
		}
		if cmd := js[string](ctx, t, `document.getElementById('report-verify-command').textContent`); !strings.Contains(cmd, "traceledger verify --bundle") {
			t.Errorf("the offline check says %q", cmd)
		}
		// In print, the navigation and the buttons are gone.
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		hidden := js[bool](ctx, t, `getComputedStyle(document.getElementById('nav')).display === 'none' && getComputedStyle(document.getElementById('report-print')).display === 'none'`)
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
			t.Fatal(err)
		}
		if !hidden {
			t.Error("the printed report shows the navigation or the print button")
		}
		pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: ptr(true), PrintBackground: ptr(true)})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf.Data, []byte("%PDF-")) {
			t.Fatalf("print-to-PDF answered %.20q, not a PDF", pdf.Data)
		}
		if n := bytes.Count(pdf.Data, []byte("/Type /Page")) - bytes.Count(pdf.Data, []byte("/Type /Pages")); n < 1 {
			t.Errorf("the PDF has %d pages", n)
		}
		file := filepath.Join(t.TempDir(), "audit-report.pdf")
		if err := os.WriteFile(file, pdf.Data, 0o600); err != nil {
			t.Fatal(err)
		}
		noProblems(t)
	})

	t.Run("a batch's audit report reads every page and verifies", func(t *testing.T) {
		ctx := within(t, bctx)
		err := chromedp.Do(ctx, goHash("#/report/batch/"+u.gtin+"/"+url.PathEscape(u.lot)),
			chromedp.WaitVisible(chromedp.CSS(`#report[data-kind=batch] #report-verify`)))
		if err != nil {
			t.Fatal(err)
		}
		var hist struct {
			Events []struct{} `json:"events"`
		}
		u.apiJSON("/api/v1/batches/"+u.gtin+"/"+url.PathEscape(u.lot)+"/history?limit=1000", u.reg, &hist)
		if v := js[string](ctx, t, `document.getElementById('report-verify').dataset.verified`); v != "true" {
			t.Errorf("the batch report is not verified: %q", js[string](ctx, t, `document.getElementById('report-verify').textContent`))
		}
		if n := js[int](ctx, t, `document.querySelectorAll('#report-events tbody.report-event').length`); n != len(hist.Events) {
			t.Errorf("the batch report lists %d events, the history has %d", n, len(hist.Events))
		}
		noProblems(t)
	})
}

func ptr[T any](v T) *T { return &v }

// storeLang keeps the UI's language choice in the page's storage, as its
// language switch does.
func storeLang(lang string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](fmt.Sprintf("localStorage.setItem('traceledger.lang', %q), true", lang))(ctx, t)
		return err
	})
}

// publicCard is what the tests read of an item's public card.
type publicCard struct {
	RecallStatus   string `json:"recall_status"`
	RecallReason   string `json:"recall_reason"`
	RecallHazard   string `json:"recall_hazard"`
	RecallMeasures string `json:"recall_measures"`
	Seller         string `json:"seller"`
}

// recalledItem finds an item of the demo's level-1 recalled batch that is
// still out there (recalled, not yet returned), preferring one sold to a
// consumer: the one whose card must say why and what to do.
func (u *uiLedger) recalledItem(t *testing.T) (string, publicCard) {
	t.Helper()
	var hist struct {
		Events []struct {
			Data struct {
				Serials []string `json:"serials"`
			} `json:"data"`
		} `json:"events"`
	}
	u.apiJSON("/api/v1/batches/"+u.gtin+"/"+url.PathEscape(u.lot)+"/history?limit=1000", u.reg, &hist)
	var found string
	var fcard publicCard
	seen := map[string]bool{}
	for _, e := range hist.Events {
		for _, s := range e.Data.Serials {
			if seen[s] || len(seen) > 200 {
				continue
			}
			seen[s] = true
			code := "/01/" + u.gtin + "/10/" + url.PathEscape(u.lot) + "/21/" + url.PathEscape(s)
			var c publicCard
			u.apiJSON(code, "", &c)
			if c.RecallStatus != "recalled" {
				continue
			}
			if found == "" || (fcard.Seller == "" && c.Seller != "") {
				found, fcard = code, c
			}
			if c.Seller != "" {
				break
			}
		}
		if fcard.Seller != "" {
			break
		}
	}
	if found == "" {
		t.Fatalf("no item of the recalled batch %s/%s is still recalled", u.gtin, u.lot)
	}
	if fcard.RecallReason == "" || fcard.RecallHazard == "" || fcard.RecallMeasures == "" {
		t.Fatalf("the recalled item's card carries no plan: %+v", fcard)
	}
	return found, fcard
}

// badCheckDigit is the GTIN with its check digit changed.
func badCheckDigit(gtin string) string {
	d := gtin[len(gtin)-1]
	return gtin[:len(gtin)-1] + string('0'+(d-'0'+1)%10)
}
