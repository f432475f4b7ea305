package main

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestWebUIFindsAnEnterpriseByATwoCharacterName: a regulator types the two
// characters of an enterprise's trade name (福瑞) into the search box of the
// header, sees suggestions while typing, opens the results, picks the
// enterprise and its page opens.
func TestWebUIFindsAnEnterpriseByATwoCharacterName(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	var want struct {
		Hits []struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		} `json:"hits"`
	}
	// The index folds the demo as serve starts: wait until it has the name.
	for deadline := time.Now().Add(20 * time.Second); len(want.Hits) == 0; time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the search index has no enterprise named 福瑞")
		}
		u.apiJSON("/api/v1/search?kind=enterprise&q="+url.QueryEscape("福瑞"), u.reg, &want)
	}
	uscc, name := want.Hits[0].ID, want.Hits[0].Title
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	err := chromedp.Do(ctx,
		signIn(u.base, u.reg),
		chromedp.WaitVisible(chromedp.ID("search-q")),
		chromedp.SendKeys(chromedp.ID("search-q"), "福瑞"),
		chromedp.WaitVisible(chromedp.CSS(`#search-suggest li a`)))
	if err != nil {
		t.Fatalf("typing in the search box: %v (%q)", err, problems())
	}
	suggested := js[string](ctx, t, `document.getElementById('search-suggest').textContent`)
	if !strings.Contains(suggested, name) {
		t.Errorf("suggestions %q, want %s among them", suggested, name)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("search-q"), kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`#search-results .group-enterprise .hit a`)))
	if err != nil {
		t.Fatalf("results: %v (%q)", err, problems())
	}
	if first := js[string](ctx, t, `document.querySelector('#search-results .hit').dataset.id`); first != uscc {
		t.Errorf("first result %s, want the enterprise %s", first, uscc)
	}
	// The matched words are marks built as elements, not markup.
	if marks := js[string](ctx, t, `[...document.querySelectorAll('#search-results .group-enterprise mark')].map(m => m.textContent).join('')`); !strings.Contains(marks, "福瑞") {
		t.Errorf("marked %q, want 福瑞 marked in the enterprise's name", marks)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#search-results .hit[data-id="`+uscc+`"] a`)),
		chromedp.WaitVisible(chromedp.ID("factors")))
	if err != nil {
		html, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`document.body.innerText`))
		t.Fatalf("opening the enterprise: %v: %.500q", err, html)
	}
	if hash := js[string](ctx, t, `location.hash`); hash != "#/enterprise/"+uscc {
		t.Errorf("page %s, want #/enterprise/%s", hash, uscc)
	}
	if h1 := js[string](ctx, t, `document.querySelector('main h1').textContent`); !strings.Contains(h1, name) {
		t.Errorf("page title %q, want %s", h1, name)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors or exceptions:\n%s", strings.Join(p, "\n"))
	}
}
