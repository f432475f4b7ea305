package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/traceledger/traceledger/domain/access"
)

// chromiumPath is Debian's Chromium, which the browser tests drive.
const chromiumPath = "/usr/bin/chromium"

// needBrowser skips a browser test when Chromium is missing, unless
// REQUIRE_BROWSER=1 (CI), where that fails it.
func needBrowser(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err == nil {
		return
	}
	msg := chromiumPath + " is missing: install it with `apt-get install -y chromium`"
	if os.Getenv("REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + " (REQUIRE_BROWSER=1)")
	}
	t.Skip(msg)
}

// uiLedger is a served demo ledger with what the UI tests look at.
type uiLedger struct {
	*ledger
	reg, ana        string // tokens
	item            string // a sold item's Digital Link path: /01/…/10/…/21/…
	recallID        string // the level-1 recall
	gtin, lot       string // its batch
	consoleProblems func() []string
}

var (
	demoRecall = regexp.MustCompile(`level-1 recall (\S+) of batch (\d+)/(\S+)`)
	demoItem   = regexp.MustCompile(`label code: https?://[^/\s]+(/01/\S+)`)
)

// startUILedger seeds a small demo and serves it.
func startUILedger(t *testing.T) *uiLedger {
	t.Helper()
	data := t.TempDir()
	code, stdout, stderr := runArgs(t, nil, "demo", "--data", data, "--items", "300", "--workers", "4")
	if code != exitOK {
		t.Fatalf("demo = %d: %s", code, stderr)
	}
	r, it := demoRecall.FindStringSubmatch(stdout), demoItem.FindStringSubmatch(stdout)
	if r == nil || it == nil {
		t.Fatalf("the demo names no recall or item:\n%s", stdout)
	}
	l := startLedgerOn(t, data)
	u := &uiLedger{ledger: l, recallID: r[1], gtin: r[2], lot: r[3], item: it[1],
		reg: l.token(access.RoleRegulator, ""), ana: l.token(access.RoleAnalyst, "")}
	res, err := http.Get(l.base + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET / = %d %s: the web UI is not served (is webui.Register(api) in routeQueries?)", res.StatusCode, res.Header.Get("Content-Type"))
	}
	return u
}

// apiJSON reads an API answer with a token.
func (u *uiLedger) apiJSON(path, token string, v any) {
	u.t.Helper()
	req, _ := http.NewRequestWithContext(u.t.Context(), "GET", u.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		u.t.Fatalf("GET %s = %d", path, res.StatusCode)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		u.t.Fatal(err)
	}
}

// startBrowser starts a headless Chromium tab whose console errors and
// uncaught exceptions are collected; problems() answers them. Errors the
// browser logs for API answers the UI handles (a refusal a test provokes
// and the page tells) are not problems; sign-in logs none (see
// TestWebUISignInAsksWhoTheTokenIsWithoutARefusal).
func startBrowser(t *testing.T) (ctx context.Context, problems func() []string) {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.WindowSize(1366, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(t.Context(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	var mu sync.Mutex
	var seen []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			api := strings.Contains(m.URL, "/api/v1/") || strings.Contains(m.Text, "/api/v1/")
			if m.Type == chromedp.ConsoleException || (m.Type == chromedp.ConsoleError && !api) {
				mu.Lock()
				seen = append(seen, fmt.Sprintf("%s at %s:%d: %s", m.Type, m.URL, m.Line, m.Text))
				mu.Unlock()
			}
		}
	}()
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

// within bounds a subtest's browser steps in time. The bound only stops a
// hung browser: the longest flow takes 10 s alone and three times that
// beside the package's other tests on 2 cores, so it is twice that.
func within(t *testing.T, ctx context.Context) context.Context {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// signIn opens the UI and signs in with the token through the form.
func signIn(base, token string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("token")),
		chromedp.SetValue(chromedp.ID("token"), token),
		chromedp.Click(chromedp.CSS(`#sign-in button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("role")),
	)
}

// js evaluates an expression in the page.
func js[T any](ctx context.Context, t *testing.T, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// goHash moves the single-page UI to a route: a change of the URL's
// fragment, which loads no new document.
func goHash(hash string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[string](fmt.Sprintf("location.hash = %q", hash))(ctx, t)
		return err
	})
}
