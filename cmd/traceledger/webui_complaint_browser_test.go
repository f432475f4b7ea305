package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestWebUIConsumerComplaintReachesTheRegulator: a consumer opens the
// item's public card, follows its complaint link, files a complaint without
// a token and gets a case number and a follow-up code, looks the case up
// with them (a wrong code finds nothing); the regulator finds the case in
// the case list and accepts it.
func TestWebUIConsumerComplaintReachesTheRegulator(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	page := func() string {
		s, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`document.body.innerText`))
		return s
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(u.base+u.item),
		chromedp.WaitVisible(chromedp.ID("complaint-link")),
		chromedp.Click(chromedp.ID("complaint-link")),
		chromedp.WaitVisible(chromedp.ID("complaint-form")))
	if err != nil {
		t.Fatalf("from the card to the complaint page: %v: %q %q", err, page(), problems())
	}
	if got := js[string](ctx, t, `document.getElementById('c-item').value`); got != u.item {
		t.Fatalf("the item code on the form is %q, want the card's %q", got, u.item)
	}
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("c-category"), "foreign_matter"),
		chromedp.SetValue(chromedp.ID("c-description"), "<img src=x onerror=alert(1)> 开封后发现有异物"),
		chromedp.SetValue(chromedp.ID("c-contact"), "138 0013 8000"),
		chromedp.Click(chromedp.ID("c-submit")),
		chromedp.WaitVisible(chromedp.ID("case-number")))
	if err != nil {
		t.Fatalf("file the complaint: %v: %q %q", err, page(), problems())
	}
	id := js[string](ctx, t, `document.getElementById('case-number').textContent`)
	if len(id) != 36 {
		t.Fatalf("case number %q", id)
	}
	code := js[string](ctx, t, `document.getElementById('follow-up-code').textContent`)
	if len(code) != 19 {
		t.Fatalf("follow-up code %q: want four groups of four", code)
	}
	// The consumer looks its case up with the number and the code, which
	// the lookup form holds already.
	err = chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.ID("lookup-form")),
		chromedp.Click(chromedp.ID("l-submit")),
		chromedp.WaitVisible(chromedp.ID("case-status")))
	if err != nil {
		t.Fatalf("look the case up: %v: %q %q", err, page(), problems())
	}
	if st := js[string](ctx, t, `document.getElementById('case-status-value').dataset.status`); st != "filed" {
		t.Errorf("the looked-up case is %q, want filed", st)
	}
	if steps := js[int](ctx, t, `document.querySelectorAll('#case-steps li').length`); steps != 1 {
		t.Errorf("the looked-up case shows %d steps, want the filing", steps)
	}
	if txt := js[string](ctx, t, `document.getElementById('case-status').innerText`); strings.Contains(txt, "138 0013 8000") || strings.Contains(txt, "异物") {
		t.Errorf("the public status shows the contact or the description: %q", txt)
	}
	// A wrong code finds nothing, with the same words as an unknown case.
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("l-code"), "AAAA-AAAA-AAAA-AAAA"),
		chromedp.Click(chromedp.ID("l-submit")),
		chromedp.WaitVisible(chromedp.CSS(`#lookup-error .error`)))
	if err != nil {
		t.Fatalf("look up with a wrong code: %v: %q %q", err, page(), problems())
	}
	if n := js[int](ctx, t, `document.querySelectorAll('#case-status').length`); n != 0 {
		t.Errorf("a wrong code still shows a case")
	}

	if err := chromedp.Do(ctx, signIn(u.base, u.reg)); err != nil {
		t.Fatalf("sign in: %v", err)
	}
	err = chromedp.Do(ctx,
		goHash("#/complaints"),
		chromedp.WaitVisible(chromedp.ID("complaint-filters")),
		chromedp.SetValue(chromedp.CSS(`#complaint-filters select[name=status]`), "filed"),
		chromedp.Click(chromedp.CSS(`#complaint-filters button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#complaint-list tbody tr[data-id="`+id+`"]`)))
	if err != nil {
		t.Fatalf("the regulator's case list: %v: %q %q", err, page(), problems())
	}
	statuses := js[[]string](ctx, t, `[...document.querySelectorAll('#complaint-list tbody tr [data-status]')].map(e => e.dataset.status)`)
	for _, s := range statuses {
		if s != "filed" {
			t.Errorf("filtered on filed, a row is %s", s)
		}
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#complaint-list a[data-id="`+id+`"]`)),
		chromedp.WaitVisible(chromedp.ID("case-accept")),
		chromedp.Click(chromedp.CSS(`#case-accept button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("case-investigate")))
	if err != nil {
		t.Fatalf("accept the case: %v: %q %q", err, page(), problems())
	}
	desc := js[string](ctx, t, `document.querySelector('#case-facts dd[data-field="case.description"]').textContent`)
	contact := js[string](ctx, t, `document.querySelector('#case-facts dd[data-field="case.contact"]').textContent`)
	imgs := js[int](ctx, t, `document.querySelectorAll('#case-facts img, #case-timeline img').length`)
	if !strings.Contains(desc, "<img src=x") || imgs != 0 || contact != "138 0013 8000" {
		t.Errorf("case shows description %q (%d img elements), contact %q: want the text as text and the contact for the regulator", desc, imgs, contact)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors or exceptions:\n%s", strings.Join(p, "\n"))
	}
}
