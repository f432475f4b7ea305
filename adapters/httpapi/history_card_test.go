package httpapi_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestResolverNegotiates: browsers (Accept naming text/html) get the card
// page the web UI set, everyone else the JSON card; without a page, JSON.
func TestResolverNegotiates(t *testing.T) {
	l := newHistLedger(t)
	head, err := l.store.Head(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// min_position: the read models have caught up with the fixture.
	path := dlPath(t, l.codes[2]) + "?min_position=" + strconv.FormatUint(head, 10)
	ask := func(accept string) *httptest.ResponseRecorder {
		req := httptest.NewRequestWithContext(t.Context(), "GET", path, nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		rec := httptest.NewRecorder()
		l.srv.ServeHTTP(rec, req)
		return rec
	}
	// An anonymous caller is not held until the models catch up: poll.
	for deadline := time.Now().Add(5 * time.Second); ask("application/json").Code == http.StatusServiceUnavailable && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	if rec := ask(browser); !strings.Contains(rec.Header().Get("Content-Type"), "json") {
		t.Errorf("without a page, a browser got %q, want JSON", rec.Header().Get("Content-Type"))
	}
	l.srv.SetCardPage(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html>card page"))
	}))
	for _, tc := range []struct{ accept, want string }{
		{browser, "card page"},
		{"TEXT/HTML", "card page"},
		{"application/json", `"serial":"A003"`},
		{"*/*", `"serial":"A003"`},
		{"", `"serial":"A003"`},
	} {
		rec := ask(tc.accept)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), tc.want) {
			t.Errorf("Accept %q: %d %.80s, want %q", tc.accept, rec.Code, rec.Body, tc.want)
		}
		if !strings.Contains(rec.Header().Get("Vary"), "Accept") {
			t.Errorf("Accept %q: Vary = %q", tc.accept, rec.Header().Get("Vary"))
		}
	}
}
