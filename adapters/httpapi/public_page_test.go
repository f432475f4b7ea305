package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/httpapi"
)

// TestPublicPagesNegotiateTheirAnswerAndTheirErrors: a GTIN-only Digital
// Link answers the product (JSON, or the product page for a browser); a
// browser opening a public page that fails gets the HTML error page with
// the status, while API clients, and every /api/ path, get the JSON error.
func TestPublicPagesNegotiateTheirAnswerAndTheirErrors(t *testing.T) {
	l := newHistLedger(t)
	head, err := l.store.Head(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	at := "?min_position=" + strconv.FormatUint(head, 10)
	const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	ask := func(path, accept string) *httptest.ResponseRecorder {
		req := httptest.NewRequestWithContext(t.Context(), "GET", path, nil)
		req.Header.Set("Accept", accept)
		rec := httptest.NewRecorder()
		l.srv.ServeHTTP(rec, req)
		return rec
	}
	for deadline := time.Now().Add(5 * time.Second); ask("/01/"+histGTIN+at, "application/json").Code == http.StatusServiceUnavailable && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	page := func(name string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte("<!doctype html>" + name))
		})
	}
	l.srv.SetCardPage(page("card page"))
	l.srv.SetProductPage(page("product page"))
	l.srv.SetErrorPage(func(w http.ResponseWriter, r *http.Request, e httpapi.PageError) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(e.Status)
		w.Write([]byte("<!doctype html>error " + strconv.Itoa(e.Status) + " " + e.Code + " " + e.Field))
	})

	var product map[string]any
	rec := ask("/01/"+histGTIN+at, "application/json")
	if err := json.Unmarshal(rec.Body.Bytes(), &product); rec.Code != 200 || err != nil || product["gtin"] != histGTIN || product["certificate_status"] == nil {
		t.Fatalf("GET /01/{gtin} as JSON = %d %s", rec.Code, rec.Body)
	}
	for _, tc := range []struct {
		name, path, accept string
		status             int
		want               string
	}{
		{"product page", "/01/" + histGTIN + at, browser, 200, "product page"},
		{"item page", dlPath(t, l.codes[0]) + at, browser, 200, "card page"},
		{"unknown GTIN in a browser", "/01/04006381333931" + at, browser, 404, "error 404 not_found gtin"},
		{"unknown GTIN as JSON", "/01/04006381333931" + at, "application/json", 404, `"code":"not_found"`},
		{"bad check digit in a browser", "/01/04006381333932" + at, browser, 400, "error 400 invalid gtin"},
		{"bad check digit as JSON", "/01/04006381333932" + at, "application/json", 400, `"field":"gtin"`},
		{"unknown item in a browser", "/01/" + histGTIN + "/10/" + histLot + "/21/NOPE" + at, browser, 404, "error 404 not_found code"},
		{"unknown item as JSON", "/01/" + histGTIN + "/10/" + histLot + "/21/NOPE" + at, "application/json", 404, `"field":"code"`},
		{"no such page in a browser", "/no/such/page", browser, 404, "error 404 not_found"},
		{"no such API route in a browser", "/api/v1/no-such-route", browser, 404, `"code":"not_found"`},
		{"API error in a browser", "/api/v1/products/04006381333932/certificate", browser, 400, `"field":"gtin"`},
	} {
		rec := ask(tc.path, tc.accept)
		if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.want) {
			t.Errorf("%s: GET %s = %d %.120s, want %d %q", tc.name, tc.path, rec.Code, rec.Body, tc.status, tc.want)
		}
		if strings.HasPrefix(tc.path, "/01/") && !strings.Contains(rec.Header().Get("Vary"), "Accept") {
			t.Errorf("%s: Vary = %q, want Accept", tc.name, rec.Header().Get("Vary"))
		}
	}
}
