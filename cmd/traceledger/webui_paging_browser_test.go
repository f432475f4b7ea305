package main

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/traceledger/traceledger/domain/calendar"
)

// waitJS polls a boolean expression in the page until it holds.
func waitJS(ctx context.Context, t *testing.T, expr string) {
	t.Helper()
	for {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
		select {
		case <-ctx.Done():
			html, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`document.body.innerText`))
			t.Fatalf("waiting for %s: %v\npage: %.2000s", expr, ctx.Err(), html)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// histPage is a page of a history as the API answers it.
type histPage struct {
	Events []struct {
		Position uint64    `json:"position"`
		Occurred time.Time `json:"occurred_at"`
		Data     struct {
			GTIN    string   `json:"gtin"`
			Lot     string   `json:"lot"`
			Serials []string `json:"serials"`
		} `json:"data"`
	} `json:"events"`
	Next *string `json:"next"`
}

// TestRegulatorPagesAnEnterpriseTimelineToItsNewestEvents: on a served
// demo, a regulator opens an enterprise whose timeline is longer than a
// page, reaches its newest events in one click, pages back to older ones,
// narrows it to a day, and opens an item one of the events names; the
// dashboard's alerts page and filter by severity.
func TestRegulatorPagesAnEnterpriseTimelineToItsNewestEvents(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	if err := chromedp.Do(ctx, signIn(u.base, u.reg)); err != nil {
		t.Fatalf("sign in: %v (%q)", err, problems())
	}
	owner := u.busiest()
	base := "/api/v1/enterprises/" + owner + "/history"
	var oldest, newest, older histPage
	u.apiJSON(base+"?limit=100", u.reg, &oldest)
	u.apiJSON(base+"?limit=100&order=desc", u.reg, &newest)
	if oldest.Next == nil || len(newest.Events) != 100 || newest.Next == nil {
		t.Fatalf("the busiest timeline fits one page (%d events): the demo does not test paging", len(oldest.Events))
	}
	u.apiJSON(fmt.Sprintf("%s?limit=100&order=desc&after=%s", base, url.QueryEscape(*newest.Next)), u.reg, &older)
	first, latest := oldest.Events[0].Position, newest.Events[0].Position

	// The page opens on the oldest events, with a way on.
	err := chromedp.Do(ctx, goHash("#/enterprise/"+owner), chromedp.WaitVisible(chromedp.CSS(`#timeline > li`)))
	if err != nil {
		t.Fatal(err)
	}
	shown := func() string {
		return js[string](ctx, t, `(document.querySelector('#timeline > li .event-head .muted') || {}).textContent || ''`)
	}
	if got := shown(); strings.TrimSpace(got) != "#"+strconv.FormatUint(first, 10) {
		t.Errorf("the timeline opens on %q, want the oldest event #%d", got, first)
	}
	waitJS(ctx, t, `!document.getElementById('timeline-next').hidden`)

	// One click reaches the newest events.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("timeline-newest"))); err != nil {
		t.Fatal(err)
	}
	waitJS(ctx, t, fmt.Sprintf(`(document.querySelector('#timeline > li .event-head .muted') || {}).textContent === ' #%d'`, latest))
	if n := js[int](ctx, t, `document.querySelectorAll('#timeline > li').length`); n != 100 {
		t.Errorf("the newest page shows %d events, want 100", n)
	}

	// Older events follow, and the newer page comes back.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("timeline-next"))); err != nil {
		t.Fatal(err)
	}
	waitJS(ctx, t, fmt.Sprintf(`(document.querySelector('#timeline > li .event-head .muted') || {}).textContent === ' #%d'`, older.Events[0].Position))
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("timeline-prev"))); err != nil {
		t.Fatal(err)
	}
	waitJS(ctx, t, fmt.Sprintf(`(document.querySelector('#timeline > li .event-head .muted') || {}).textContent === ' #%d'`, latest))

	// A day's events: the newest event's day in China time, both dates.
	day := newest.Events[0].Occurred.In(calendar.China).Format(time.DateOnly)
	var inDay histPage
	u.apiJSON(base+"?limit=100&from="+day+"&to="+day, u.reg, &inDay)
	setDay := fmt.Sprintf(`(() => { for (const id of ['timeline-from', 'timeline-to']) document.getElementById(id).value = %q;
		document.getElementById('timeline-order').value = 'asc';
		document.querySelector('#timeline-filter button[type=submit]').click(); return true; })()`, day)
	js[bool](ctx, t, setDay)
	waitJS(ctx, t, fmt.Sprintf(`document.querySelectorAll('#timeline > li').length === %d &&
		(document.querySelector('#timeline > li .event-head .muted') || {}).textContent === ' #%d'`, len(inDay.Events), inDay.Events[0].Position))

	// Back to the newest events; open an item one of them names.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("timeline-newest"))); err != nil {
		t.Fatal(err)
	}
	js[bool](ctx, t, `(() => { document.getElementById('timeline-from').value = ''; document.getElementById('timeline-to').value = '';
		document.querySelector('#timeline-filter button[type=submit]').click(); return true; })()`)
	// The newest page naming an item, k pages of older events away.
	page, firsts := newest, []uint64{}
	for !namesItem(page) {
		if page.Next == nil {
			t.Fatal("no event of the timeline names an item")
		}
		next := *page.Next
		page = histPage{}
		u.apiJSON(fmt.Sprintf("%s?limit=100&order=desc&after=%s", base, url.QueryEscape(next)), u.reg, &page)
		firsts = append(firsts, page.Events[0].Position)
	}
	waitJS(ctx, t, fmt.Sprintf(`document.getElementById('timeline-order').value === 'desc' &&
		(document.querySelector('#timeline > li .event-head .muted') || {}).textContent === ' #%d'`, latest))
	for _, p := range firsts {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("timeline-next"))); err != nil {
			t.Fatal(err)
		}
		waitJS(ctx, t, fmt.Sprintf(`(document.querySelector('#timeline > li .event-head .muted') || {}).textContent === ' #%d'`, p))
	}
	waitJS(ctx, t, fmt.Sprintf(`(document.querySelector('#timeline > li .event-head .muted') || {}).textContent === ' #%d' &&
		document.querySelector('#timeline a.event-item') !== null`, page.Events[0].Position))
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#timeline a.event-item`))); err != nil {
		t.Fatal(err)
	}
	waitJS(ctx, t, `location.hash.startsWith('#/audit/item/') && document.querySelector('#verify-summary[data-verified]') !== null`)
	// The list is drawn after the summary: give it a moment before counting.
	drawn := func() int { return js[int](ctx, t, `document.querySelectorAll('#timeline > li').length`) }
	for end := time.Now().Add(5 * time.Second); drawn() < 2 && time.Now().Before(end); {
		time.Sleep(100 * time.Millisecond)
	}
	if n := drawn(); n < 2 {
		// Say which item, and what the API answers for it now, so that a
		// failure tells a page drawn too early from a history too short.
		code := js[string](ctx, t, `decodeURIComponent(location.hash.slice('#/audit/item/'.length))`)
		var now histPage
		u.apiJSON("/api/v1/items/"+url.PathEscape(code)+"/history", u.reg, &now)
		t.Errorf("the item's timeline shows %d events; the API now answers %d for %s (page: %q)", n, len(now.Events), code,
			js[string](ctx, t, `document.getElementById('timeline-status').textContent`))
	}

	// The dashboard's alerts: a page of them, the following page, and
	// only the high ones when filtered so.
	var alerts struct {
		Total int     `json:"total"`
		Next  *string `json:"next"`
	}
	u.apiJSON(fmt.Sprintf("/api/v1/alerts?limit=15&min_position=%d", int64(u.head())), u.reg, &alerts)
	var high struct {
		Total int `json:"total"`
	}
	u.apiJSON("/api/v1/alerts?severity=high", u.reg, &high)
	if err := chromedp.Do(ctx, goHash("#/dashboard"), chromedp.WaitVisible(chromedp.CSS(`#alerts-status`))); err != nil {
		t.Fatal(err)
	}
	waitJS(ctx, t, `document.querySelector('#alerts-table') !== null`)
	if alerts.Next != nil {
		waitJS(ctx, t, `!document.getElementById('alerts-next').hidden && !document.getElementById('alerts-next').disabled`)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("alerts-next"))); err != nil {
			t.Fatal(err)
		}
		waitJS(ctx, t, `document.getElementById('alerts-status').textContent.includes('16')`)
	}
	js[bool](ctx, t, `(() => { document.getElementById('alerts-severity').value = 'high';
		document.querySelector('#alerts-filter button[type=submit]').click(); return true; })()`)
	waitJS(ctx, t, fmt.Sprintf(`document.getElementById('alerts-status').textContent.includes('%d') &&
		[...document.querySelectorAll('#alerts-table tbody tr')].length === %d &&
		[...document.querySelectorAll('#alerts-table tbody .badge')].every((b) => b.classList.contains('sev-high'))`, high.Total, min(high.Total, 15)))
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors or exceptions:\n%s", strings.Join(p, "\n"))
	}
}

// busiest is the enterprise that recorded the most events of the demo.
func (u *uiLedger) busiest() string {
	u.t.Helper()
	counts := map[string]int{}
	best := ""
	for after := uint64(0); ; {
		var page struct {
			Events []struct {
				Position uint64 `json:"position"`
				Actor    struct {
					USCC string `json:"uscc"`
				} `json:"actor"`
			} `json:"events"`
		}
		u.apiJSON("/api/v1/events?limit=1000&after="+strconv.FormatUint(after, 10), u.reg, &page)
		if len(page.Events) == 0 {
			break
		}
		for _, e := range page.Events {
			after = e.Position
			if e.Actor.USCC == "" {
				continue
			}
			counts[e.Actor.USCC]++
			if counts[e.Actor.USCC] > counts[best] {
				best = e.Actor.USCC
			}
		}
	}
	if best == "" {
		u.t.Fatal("no enterprise recorded an event in the demo")
	}
	return best
}

func namesItem(p histPage) bool {
	for _, e := range p.Events {
		if e.Data.GTIN != "" && len(e.Data.Serials) > 0 {
			return true
		}
	}
	return false
}
