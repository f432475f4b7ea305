package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/traceledger/traceledger/domain/access"
)

// watchRefusals collects the browser's log entries for answers of 403: a
// page that finds out what it may do by trying logs them, one that asks
// GET /api/v1/me does not.
func watchRefusals(ctx context.Context) (refusals func() []string) {
	var mu sync.Mutex
	var seen []string
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if strings.Contains(m.Text, "status of 403") {
				mu.Lock()
				seen = append(seen, fmt.Sprintf("%s %s", m.URL, m.Text))
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

// pageSettled waits until the page's loading line is gone.
var pageSettled = chromedp.Poll[chromedp.Void](`!!document.querySelector('#view') && ![...document.querySelectorAll('#view > .muted')].some(e => e.textContent === 'Loading…')`)

// TestWebUIAdminManagesTokensAndWatchesTheServer signs in as an admin
// (without a refused request), issues a labelled token, finds it listed,
// sees its last use once it was used, revokes it and finds it revoked and
// refused; then reads the ledger head, the signed checkpoints and every read
// model's lag on the status page.
func TestWebUIAdminManagesTokensAndWatchesTheServer(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	adm := u.token(access.RoleAdmin, "")
	bctx, problems := startBrowser(t)
	refusals := watchRefusals(bctx)
	ctx := within(t, bctx)
	fail := func(what string, err error) {
		text, _ := chromedp.Run(context.WithoutCancel(bctx), chromedp.Evaluate[string](`document.body.innerText`))
		t.Fatalf("%s: %v: %.800q %q", what, err, text, problems())
	}
	if err := chromedp.Do(ctx, signIn(u.base, adm), chromedp.WaitVisible(chromedp.ID("token-form")),
		chromedp.WaitVisible(chromedp.CSS(`#token-list tbody tr`)), pageSettled); err != nil {
		fail("the admin's tokens page", err)
	}
	if nav := js[string](ctx, t, `document.getElementById('nav').textContent`); !strings.Contains(nav, "Tokens") || !strings.Contains(nav, "Server status") {
		t.Errorf("the admin's navigation = %q, want its tokens and status pages", nav)
	}
	const uscc = "91330100MA2H8T0R08"
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("token-role"), "enterprise"),
		chromedp.SetValue(chromedp.ID("token-uscc"), uscc), chromedp.SetValue(chromedp.ID("token-label"), "night shift"),
		chromedp.Click(chromedp.ID("token-create")), chromedp.WaitVisible(chromedp.ID("token-secret"))); err != nil {
		fail("issue a token", err)
	}
	secret := js[string](ctx, t, `document.getElementById('token-secret').textContent`)
	sum := sha256.Sum256([]byte(secret))
	id := hex.EncodeToString(sum[:])[:16]
	row := fmt.Sprintf(`#token-list tr[data-token="%s"]`, id)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(row))); err != nil {
		fail("the new token in the list", err)
	}
	if text := js[string](ctx, t, fmt.Sprintf(`document.querySelector('%s').textContent`, row)); !strings.Contains(text, "night shift") ||
		!strings.Contains(text, "Enterprise") || !strings.Contains(text, uscc) || !strings.Contains(text, "Active") || !strings.Contains(text, "Never") {
		t.Errorf("the new token's row = %q, want its label, role, enterprise, active and never used", text)
	}
	// Used once, its row shows when.
	if code := getStatus(t, u.base+"/api/v1/me", secret); code != 200 {
		t.Fatalf("the new token: GET /api/v1/me = %d", code)
	}
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(row)), pageSettled); err != nil {
		fail("reload the tokens page", err)
	}
	today := time.Now().Format("2006-01-02")
	if used := js[string](ctx, t, fmt.Sprintf(`document.querySelector('%s .last-used').textContent`, row)); !strings.HasPrefix(used, today) {
		t.Errorf("last used = %q, want a time today (%s)", used, today)
	}
	// Revoking asks once more, then the row says revoked and the token is refused.
	revoke := chromedp.CSS(row + ` button.revoke`)
	if err := chromedp.Do(ctx, chromedp.Click(revoke), chromedp.Click(revoke),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.querySelector('%s .token-state').textContent.includes('Revoked')`, row))); err != nil {
		fail("revoke the token", err)
	}
	if code := getStatus(t, u.base+"/api/v1/me", secret); code != 401 {
		t.Errorf("the revoked token: GET /api/v1/me = %d, want 401", code)
	}
	// The status page: the head, the checkpoints, each read model's lag.
	var health struct{ Head uint64 }
	u.apiJSON("/healthz", "", &health)
	if err := chromedp.Do(ctx, goHash("#/admin-status"), chromedp.WaitVisible(chromedp.CSS(`#read-models tbody tr`)), pageSettled); err != nil {
		fail("the status page", err)
	}
	head := js[string](ctx, t, `document.getElementById('ledger-head').textContent`)
	if head == "" || head == "0" {
		t.Errorf("ledger head = %q, want the log's head (%d)", head, health.Head)
	}
	models := js[[]string](ctx, t, `[...document.querySelectorAll('#read-models tbody tr')].map(r => r.textContent)`)
	names := strings.Join(models, "\n")
	for _, want := range []string{"Histories", "Recall lists", "Search index", "EPCIS events"} {
		if !strings.Contains(names, want) {
			t.Errorf("the read models do not list %s: %q", want, models)
		}
	}
	if n := js[int](ctx, t, `document.querySelectorAll('#read-models tbody tr td:nth-child(4) .badge').length`); n != len(models) {
		t.Errorf("%d of %d read models show their lag", n, len(models))
	}
	if n := js[int](ctx, t, `document.querySelectorAll('#components tbody tr').length`); n < 5 {
		t.Errorf("%d components listed, want every background component", n)
	}
	// The notary signs within a second of the log growing: the page shows
	// the checkpoints it kept.
	deadline := time.Now().Add(10 * time.Second)
	for js[int](ctx, t, `document.querySelectorAll('#checkpoints tbody tr').length`) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no signed checkpoint is listed")
		}
		if err := chromedp.Do(ctx, chromedp.Sleep(time.Second), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#read-models tbody tr`))); err != nil {
			fail("reload the status page", err)
		}
	}
	if r := refusals(); len(r) > 0 {
		t.Errorf("the admin's pages logged refusals: %q", r)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console problems: %q", p)
	}
}

// TestWebUISignInAsksWhoTheTokenIsWithoutARefusal signs in with each role in
// turn: every one lands on its home page without a single 403 in the
// console, and an enterprise finds its own tokens, used, on its page.
func TestWebUISignInAsksWhoTheTokenIsWithoutARefusal(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	var dir struct {
		Enterprises []struct{ USCC string }
	}
	// At the head: a replica that just started may still be folding the demo.
	u.apiJSON(fmt.Sprintf("/api/v1/enterprises?limit=1&min_position=%d", int64(u.head())), u.reg, &dir)
	if len(dir.Enterprises) == 0 {
		t.Fatal("the demo registers no enterprise")
	}
	ent := u.token(access.RoleEnterprise, dir.Enterprises[0].USCC)
	bctx, problems := startBrowser(t)
	refusals := watchRefusals(bctx)
	for _, c := range []struct {
		role, token, home string
	}{
		{"regulator", u.reg, "dashboard"},
		{"analyst", u.ana, "dashboard"},
		{"enterprise", ent, "home"},
		{"admin", u.token(access.RoleAdmin, ""), "admin-tokens"},
	} {
		t.Run(c.role, func(t *testing.T) {
			ctx := within(t, bctx)
			before := len(refusals())
			if err := chromedp.Do(ctx, signIn(u.base, c.token), pageSettled, chromedp.Sleep(500*time.Millisecond)); err != nil {
				t.Fatalf("sign in: %v %q", err, problems())
			}
			if hash := js[string](ctx, t, `location.hash`); hash != "#/"+c.home {
				t.Errorf("home = %s, want #/%s", hash, c.home)
			}
			if r := refusals()[before:]; len(r) > 0 {
				t.Errorf("signing in logged refusals: %q", r)
			}
			if c.role == "enterprise" {
				if err := chromedp.Do(ctx, goHash("#/mytokens"), chromedp.WaitVisible(chromedp.CSS(`#my-tokens tbody tr[data-token]`))); err != nil {
					t.Fatalf("my tokens: %v", err)
				}
				row := js[string](ctx, t, `document.querySelector('#my-tokens tbody tr[data-token]').textContent`)
				if !strings.Contains(row, time.Now().Format("2006-01-02")) || strings.Contains(row, "Never") {
					t.Errorf("the enterprise's token row = %q, want it used today", row)
				}
			}
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("sign-out")), chromedp.WaitVisible(chromedp.ID("token"))); err != nil {
				t.Fatalf("sign out: %v", err)
			}
		})
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console problems: %q", p)
	}
}

// getStatus answers the status of a GET with a bearer token.
func getStatus(t *testing.T, url, token string) int {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), "GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}
