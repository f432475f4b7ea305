package main

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestWebUIRegulatorBrowsesTheDirectories signs in as the regulator on the
// demo, pages through the enterprise directory with "more" until every
// enterprise the API lists is shown once, finds enterprises by a
// two-character part of a name, and opens the product and declaration
// lists.
func TestWebUIRegulatorBrowsesTheDirectories(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	var health struct{ Head uint64 }
	u.apiJSON("/healthz", "", &health)
	type ent struct{ USCC, Name string }
	var all struct {
		Enterprises []ent
		Next        *string
	}
	u.apiJSON("/api/v1/enterprises?limit=1000&sort=uscc&min_position="+strconv.FormatUint(health.Head, 10), u.reg, &all)
	if len(all.Enterprises) < 8 || all.Next != nil {
		t.Fatalf("the demo's directory lists %d enterprises (next %v)", len(all.Enterprises), all.Next)
	}
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	rows := func(list string) []string {
		return js[[]string](ctx, t, `[...document.querySelectorAll('#`+list+` tbody tr')].map(r => r.textContent)`)
	}
	if err := chromedp.Do(ctx, signIn(u.base, u.reg), goHash("#/enterprises/"+url.PathEscape("sort=uscc&limit=5")),
		chromedp.WaitVisible(chromedp.CSS(`#enterprises-list tbody tr`))); err != nil {
		t.Fatalf("the enterprise directory: %v %q", err, problems())
	}
	for shown := 5; shown < len(all.Enterprises); {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("enterprises-more"))); err != nil {
			t.Fatalf("more after %d rows: %v %q", shown, err, problems())
		}
		want := min(shown+5, len(all.Enterprises))
		for deadline := time.Now().Add(10 * time.Second); len(rows("enterprises-list")) < want; {
			if time.Now().After(deadline) {
				t.Fatalf("%d rows after more, want %d", len(rows("enterprises-list")), want)
			}
			time.Sleep(50 * time.Millisecond)
		}
		shown = want
	}
	got := rows("enterprises-list")
	if len(got) != len(all.Enterprises) {
		t.Fatalf("the pages show %d rows, the API lists %d", len(got), len(all.Enterprises))
	}
	for i, e := range all.Enterprises {
		if !strings.Contains(got[i], e.USCC) {
			t.Fatalf("row %d is %q, want %s: a row missing or twice", i, got[i], e.USCC)
		}
	}
	if js[bool](ctx, t, `!!document.getElementById('enterprises-more')`) {
		t.Fatal("a more button after the last page")
	}

	word := string([]rune(all.Enterprises[0].Name)[:2])
	if err := chromedp.Do(ctx, goHash("#/enterprises/"+url.PathEscape("name="+word))); err != nil {
		t.Fatalf("the directory by name %q: %v %q", word, err, problems())
	}
	// The new page replaces the old one: wait until every row shown has
	// the word (and some row is shown).
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		rs, ok := rows("enterprises-list"), true
		for _, r := range rs {
			ok = ok && strings.Contains(r, word)
		}
		if ok && len(rs) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("searching %q lists %q", word, rs)
		}
	}
	for _, page := range []string{"products", "declarations", "batches"} {
		if err := chromedp.Do(ctx, goHash("#/"+page), chromedp.WaitVisible(chromedp.CSS(`#`+page+`-list tbody tr`))); err != nil {
			t.Fatalf("the %s list: %v %q", page, err, problems())
		}
	}
}
