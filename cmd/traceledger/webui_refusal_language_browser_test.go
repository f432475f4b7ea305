package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A refusal of the ledger reads in the reader's language: the Chinese UI
// shows a Chinese sentence with the refusal's values, the English UI an
// English one, never the server's English message in the Chinese UI.
func TestARefusalReadsInTheReadersLanguage(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	bctx, _ := startBrowser(t)
	ctx := within(t, bctx)
	if err := chromedp.Do(ctx, signIn(u.base, u.reg)); err != nil {
		t.Fatal(err)
	}
	han := regexp.MustCompile(`\p{Han}`)
	for _, lang := range []string{"zh", "en"} {
		js[bool](ctx, t, `localStorage.setItem('traceledger.lang', '`+lang+`'), true`)
		err := chromedp.Do(ctx,
			chromedp.Reload(),
			chromedp.WaitVisible(chromedp.ID("role")),
			goHash("#/recall/"+u.recallID),
			chromedp.WaitVisible(chromedp.CSS(`#recall-return input[name=quantity]`)),
			chromedp.SetValue(chromedp.CSS(`#recall-return input[name=quantity]`), "999999"),
			chromedp.Click(chromedp.CSS(`#recall-return button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`#recall-return .error`)))
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		text := js[string](ctx, t, `document.querySelector('#recall-return .error').textContent`)
		switch {
		case lang == "zh" && (!han.MatchString(text) || regexp.MustCompile(`(?i)\b(cannot|holds|units|must|recall)\b`).MatchString(text)):
			t.Errorf("the Chinese UI shows %q, want the refusal in Chinese", text)
		case lang == "en" && han.MatchString(text):
			t.Errorf("the English UI shows %q, want the refusal in English", text)
		}
		if strings.Contains(text, "HTTP") || len(text) < 8 {
			t.Errorf("%s: %q is not the refusal's sentence", lang, text)
		}
	}
}
