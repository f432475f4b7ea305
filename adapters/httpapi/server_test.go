package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/domain/access"
)

const (
	regToken = "tok-regulator"
	entToken = "tok-enterprise"
	anaToken = "tok-analyst"
	admToken = "tok-admin"
	usccA    = "91350100M000100Y43"
)

var tokens = fakeTokens{
	regToken: {Role: access.RoleRegulator},
	entToken: {Role: access.RoleEnterprise, USCC: usccA},
	anaToken: {Role: access.RoleAnalyst},
	admToken: {Role: access.RoleAdmin},
}

type fixture struct {
	srv   *httpapi.Server
	cmds  *fakeCommands
	store *sqlite.Store
	reg   *prometheus.Registry
}

// newFixture builds a server over the real SQLite event store (which keeps
// the idempotency keys too), fake commands and fake tokens; tweak adjusts its config.
func newFixture(t *testing.T, tweak func(*httpapi.Config)) *fixture {
	t.Helper()
	store := sqlitetest.Open(t)
	reg := prometheus.NewRegistry()
	metrics, err := httpapi.NewMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{cmds: &fakeCommands{store: store, observer: metrics}, store: store, reg: reg}
	cfg := httpapi.Config{
		Commands: f.cmds, Tokens: tokens, Log: store, Idempotency: store,
		Registerer: f.reg, Gatherer: f.reg, Metrics: metrics,
	}
	if tweak != nil {
		tweak(&cfg)
	}
	f.srv, err = httpapi.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return f
}

// sibling builds a second server with its own commands on f's store, as
// another replica on a shared store.
func (f *fixture) sibling(t *testing.T) *fixture {
	t.Helper()
	g := &fixture{cmds: &fakeCommands{store: f.store}, store: f.store, reg: prometheus.NewRegistry()}
	var err error
	g.srv, err = httpapi.New(httpapi.Config{
		Commands: g.cmds, Tokens: tokens, Log: f.store, Idempotency: f.store,
		Registerer: g.reg, Gatherer: g.reg,
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return g
}

// do sends a request; token "" sends none; headers are pairs.
func (f *fixture) do(t *testing.T, method, path, token, body string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), method, path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}

type apiError struct {
	Error struct {
		Code    string    `json:"code"`
		Reason  string    `json:"reason"`
		Params  *[]string `json:"params"`
		Message string    `json:"message"`
		Field   string    `json:"field"`
	} `json:"error"`
}

// wantError checks an answer's status and error code and field.
func wantError(t *testing.T, rec *httptest.ResponseRecorder, status int, code, field string) apiError {
	t.Helper()
	var e apiError
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
		t.Fatalf("body %q is not the error shape: %v", rec.Body, err)
	}
	if rec.Code != status || e.Error.Code != code || e.Error.Field != field {
		t.Errorf("got %d %+v, want %d code %q field %q", rec.Code, e.Error, status, code, field)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want JSON", ct)
	}
	if e.Error.Reason == "" || e.Error.Params == nil {
		t.Errorf("%s: the error names no reason or no params list, which a client needs to tell it in its language", rec.Body)
	}
	return e
}

func TestNewNamesEveryMissingPart(t *testing.T) {
	_, err := httpapi.New(httpapi.Config{})
	for _, name := range []string{"Commands", "Tokens", "Log", "Registerer", "Gatherer"} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("New(empty) = %v, want it to name %s", err, name)
		}
	}
}

func TestAuthentication(t *testing.T) {
	f := newFixture(t, nil)
	body := `{"uscc":"x"}`
	tests := []struct {
		name          string
		method, path  string
		token, header string
		status        int
		code          string
	}{
		{"no token", "POST", "/api/v1/enterprises", "", "", 401, "unauthorized"},
		{"unknown token", "POST", "/api/v1/enterprises", "nope", "", 401, "unauthorized"},
		{"wrong scheme", "POST", "/api/v1/enterprises", "", "Basic " + regToken, 401, "unauthorized"},
		{"analyst may not record", "POST", "/api/v1/enterprises", anaToken, "", 403, "forbidden"},
		{"admin may not record", "POST", "/api/v1/sales", admToken, "", 403, "forbidden"},
		{"enterprise may not read the global log", "GET", "/api/v1/events", entToken, "", 403, "forbidden"},
		{"analyst may not read the global log", "GET", "/api/v1/events", anaToken, "", 403, "forbidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var headers []string
			if tt.header != "" {
				headers = []string{"Authorization", tt.header}
			}
			rec := f.do(t, tt.method, tt.path, tt.token, body, headers...)
			wantError(t, rec, tt.status, tt.code, "")
			if tt.status == 401 && rec.Header().Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
	if n := len(f.cmds.Calls()); n != 0 {
		t.Errorf("refused requests ran %d commands", n)
	}
	if rec := f.do(t, "GET", "/api/v1/events", regToken, ""); rec.Code != 200 {
		t.Errorf("regulator GET /api/v1/events = %d", rec.Code)
	}
	if rec := f.do(t, "POST", "/api/v1/enterprises", "", "{}", "Authorization", "bearer "+regToken); rec.Code != 201 {
		t.Errorf("lower-case bearer scheme = %d, want 201", rec.Code)
	}
}

// A token store failure is not the client's fault: 500, not 401.
func TestTokenStoreFailure(t *testing.T) {
	f := newFixture(t, func(c *httpapi.Config) { c.Tokens = failingTokens{} })
	e := wantError(t, f.do(t, "POST", "/api/v1/products", regToken, "{}"), 500, "internal", "")
	if strings.Contains(e.Error.Message, "disk") {
		t.Errorf("internal message leaked: %q", e.Error.Message)
	}
}

type failingTokens struct{}

func (failingTokens) Authenticate(context.Context, string) (access.Actor, error) {
	return access.Actor{}, errors.New("disk on fire")
}

// doReader sends a body of unknown length (no Content-Length).
func (f *fixture) doReader(t *testing.T, method, path, token string, body io.Reader) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), method, path, struct{ io.Reader }{body})
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}

// scrape returns what /metrics serves.
func scrape(t *testing.T, f *fixture) string {
	t.Helper()
	rec := f.do(t, "GET", "/metrics", "", "")
	if rec.Code != 200 {
		t.Fatalf("/metrics = %d", rec.Code)
	}
	return rec.Body.String()
}

// grep keeps the lines of s containing sub, for failure messages.
func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
