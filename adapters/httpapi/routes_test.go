package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

func TestUnmatchedRoutesAnswerJSON(t *testing.T) {
	f := newFixture(t, nil)
	wantError(t, f.do(t, "GET", "/nowhere", "", ""), 404, "not_found", "")
	rec := f.do(t, "GET", "/api/v1/enterprises", regToken, "")
	wantError(t, rec, 405, "method_not_allowed", "")
	if allow := rec.Header().Get("Allow"); !strings.Contains(allow, "POST") {
		t.Errorf("Allow = %q, want POST", allow)
	}
}

// Routes added through the hook share authentication and the error shape.
func TestHandleHook(t *testing.T) {
	f := newFixture(t, nil)
	f.srv.Handle("GET /public", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := httpapi.ActorFrom(r.Context()); ok {
			t.Error("an actor on a public route")
		}
		httpapi.WriteJSON(w, 200, map[string]string{"hello": "world"})
	}), httpapi.Public)
	f.srv.HandleFunc("GET /api/v1/things/{id}", func(w http.ResponseWriter, r *http.Request) error {
		a, _ := httpapi.ActorFrom(r.Context())
		if r.PathValue("id") == "missing" {
			return domain.NotFound("id", "no_thing", "no thing %s", r.PathValue("id"))
		}
		httpapi.WriteJSON(w, 200, map[string]string{"role": string(a.Role)})
		return nil
	}, httpapi.Authenticated)
	f.srv.HandleFunc("GET /api/v1/secrets", func(w http.ResponseWriter, r *http.Request) error { return nil }, httpapi.Roles(access.RoleAdmin))

	if rec := f.do(t, "GET", "/public", "", ""); rec.Code != 200 {
		t.Errorf("public route = %d", rec.Code)
	}
	wantError(t, f.do(t, "GET", "/api/v1/things/1", "", ""), 401, "unauthorized", "")
	if rec := f.do(t, "GET", "/api/v1/things/1", anaToken, ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), "analyst") {
		t.Errorf("authenticated route = %d %s", rec.Code, rec.Body)
	}
	wantError(t, f.do(t, "GET", "/api/v1/things/missing", anaToken, ""), 404, "not_found", "id")
	wantError(t, f.do(t, "GET", "/api/v1/secrets", regToken, ""), 403, "forbidden", "")
}

func TestRateLimit(t *testing.T) {
	f := newFixture(t, func(c *httpapi.Config) { c.RateLimit, c.RateBurst = 0.001, 2 })
	for i := range 2 {
		if rec := f.do(t, "GET", "/api/v1/events", regToken, ""); rec.Code != 200 {
			t.Fatalf("request %d = %d, want 200", i, rec.Code)
		}
	}
	rec := f.do(t, "GET", "/api/v1/events", regToken, "")
	wantError(t, rec, 429, "rate_limited", "")
	if rec.Header().Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	// Buckets are per token.
	if rec := f.do(t, "POST", "/api/v1/products", entToken, "{}"); rec.Code != 201 {
		t.Errorf("another token = %d, want 201", rec.Code)
	}
	// Public routes are not limited.
	if rec := f.do(t, "GET", "/healthz", "", ""); rec.Code != 200 {
		t.Errorf("/healthz = %d", rec.Code)
	}
}

// Raw paths never become labels, not even those the mux redirects.
func TestRedirectsDoNotBecomeLabels(t *testing.T) {
	f := newFixture(t, nil)
	rec := f.do(t, "GET", "/api//v1/secret-9f3a/../events", regToken, "")
	if rec.Code != 301 && rec.Code != 307 {
		t.Fatalf("unclean path = %d, want a redirect", rec.Code)
	}
	if m := scrape(t, f); strings.Contains(m, "secret-9f3a") || strings.Contains(m, "//") {
		t.Errorf("a raw path reached the metrics:\n%s", grep(m, "route="))
	}
}
