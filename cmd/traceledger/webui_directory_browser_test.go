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

// TestRegulatorFiltersTheRecallListAndPagesIt: on the demo, the recall
// list keeps its filters in the route, asks the API with them and shows
// every recall of the filtered list, a page at a time with "more", newest
// first; submitting the filter form moves to the filtered route.
func TestRegulatorFiltersTheRecallListAndPagesIt(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	var health struct{ Head uint64 }
	u.apiJSON("/healthz", "", &health)
	type recall struct {
		RecallID string `json:"recall_id"`
		Level    int    `json:"level"`
	}
	var all struct {
		Recalls []recall
		Next    *string
	}
	u.apiJSON("/api/v1/recalls?limit=1000&sort=-started&min_position="+strconv.FormatUint(health.Head, 10), u.reg, &all)
	if len(all.Recalls) < 2 || all.Next != nil {
		t.Fatalf("the demo lists %d recalls (next %v): too few to page", len(all.Recalls), all.Next)
	}
	level := all.Recalls[0].Level
	var kept struct {
		Recalls []recall
		Next    *string
	}
	u.apiJSON("/api/v1/recalls?limit=1000&sort=-started&level="+strconv.Itoa(level), u.reg, &kept)

	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	rows := func() []string {
		return js[[]string](ctx, t, `[...document.querySelectorAll('#recall-list tbody tr')].map(r => r.textContent)`)
	}
	route := "#/recalls/" + url.PathEscape("level="+strconv.Itoa(level)+"&limit=1")
	if err := chromedp.Do(ctx, signIn(u.base, u.reg), goHash(route), chromedp.WaitVisible(chromedp.CSS(`#recall-list tbody tr`))); err != nil {
		t.Fatalf("the recall list: %v %q", err, problems())
	}
	if v := js[string](ctx, t, `document.querySelector('#recalls-filters select[name=level]').value`); v != strconv.Itoa(level) {
		t.Errorf("the level filter shows %q, want %d", v, level)
	}
	for shown := 1; shown < len(kept.Recalls); shown++ {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("recalls-more"))); err != nil {
			t.Fatalf("more after %d rows: %v %q", shown, err, problems())
		}
		for deadline := time.Now().Add(10 * time.Second); len(rows()) <= shown; time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%d rows after more, want %d", len(rows()), shown+1)
			}
		}
	}
	got := rows()
	if len(got) != len(kept.Recalls) {
		t.Fatalf("the pages show %d recalls of level %d, the API lists %d", len(got), level, len(kept.Recalls))
	}
	for i, r := range kept.Recalls {
		if !strings.HasPrefix(got[i], r.RecallID[:8]) {
			t.Fatalf("row %d is %q, want recall %s", i, got[i], r.RecallID)
		}
	}
	if js[bool](ctx, t, `!!document.getElementById('recalls-more')`) {
		t.Fatal("a more button after the last page")
	}

	// The form's filters move to their route.
	js[bool](ctx, t, `(() => { document.querySelector('#recalls-filters select[name=status]').value = 'closed';
		document.querySelector('#recalls-filters button[type=submit]').click(); return true; })()`)
	waitJS(ctx, t, `decodeURIComponent(location.hash).includes('status=closed') && decodeURIComponent(location.hash).includes('level=`+strconv.Itoa(level)+`')`)
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors or exceptions:\n%s", strings.Join(p, "\n"))
	}
}
