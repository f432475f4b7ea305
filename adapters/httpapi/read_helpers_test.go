package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

// readAt asks srv for path once the read models have reached pos: the
// server waits for an authenticated caller; an anonymous one is answered at
// once, so it asks again while the answer is "not yet" (503 naming
// min_position), as a public client polls.
func readAt(t testing.TB, srv http.Handler, path, token string, pos uint64) *httptest.ResponseRecorder {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		req := httptest.NewRequestWithContext(t.Context(), "GET", path+sep+"min_position="+strconv.FormatUint(pos, 10), nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if token != "" || rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), `"min_position"`) || time.Now().After(deadline) {
			return rec
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// readLatest asks srv for path once the read models have reached the
// store's head.
func readLatest(t testing.TB, store interface {
	Head(context.Context) (uint64, error)
}, srv http.Handler, path, token string) *httptest.ResponseRecorder {
	t.Helper()
	head, err := store.Head(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return readAt(t, srv, path, token, head)
}

// decodeOK decodes a 200 answer into v.
func decodeOK(t testing.TB, path string, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if rec.Code != 200 {
		t.Fatalf("GET %s = %d %s", path, rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// runModels runs a runner over store's log until the test ends.
func runModels(t testing.TB, store event.Store, models ...runner.Projection) *runner.Runner {
	t.Helper()
	rn := runner.New(store, runner.Options{Dir: t.TempDir()}, models...)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- rn.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("runner: %v", err)
		}
	})
	return rn
}

// newFixtureServer is an API on store recording with cmds, whose tokens
// are the fixtures' regulator, analyst and admin tokens and "tok-USCC" for
// each enterprise.
func newFixtureServer(t testing.TB, store event.Store, cmds httpapi.Commands, enterprises ...string) *httpapi.Server {
	t.Helper()
	toks := fakeTokens{regToken: {Role: access.RoleRegulator}, anaToken: {Role: access.RoleAnalyst}, admToken: {Role: access.RoleAdmin}}
	for _, u := range enterprises {
		toks["tok-"+u] = access.Actor{Role: access.RoleEnterprise, USCC: u}
	}
	reg := prometheus.NewRegistry()
	srv, err := httpapi.New(httpapi.Config{Commands: cmds, Tokens: toks, Log: store, Registerer: reg, Gatherer: reg, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}
