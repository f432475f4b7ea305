package main

import (
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/traceledger/traceledger/adapters/authstore"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/adapters/notify"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
)

// replica is one application instance: its own command handlers, token
// port and HTTP server, on stores another replica shares.
type replica struct {
	api    *httpapi.Server
	tokens *authstore.Ledger
}

func newReplica(t *testing.T, store, accessLog event.Store, sealer *notify.Sealer) *replica {
	t.Helper()
	tokens := authstore.NewLedger(accessLog, command.NewHandlers(accessLog, command.Options{}), nil)
	reg := prometheus.NewRegistry()
	metrics, err := httpapi.NewMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	api, err := httpapi.New(httpapi.Config{
		Commands: newCommands(store, Config{BaseURL: "https://id.example"}, sealer, metrics), Tokens: tokens, Log: store,
		Idempotency: store, TokenAdmin: tokenAdmin{tokens}, Registerer: reg, Gatherer: reg, Metrics: metrics,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &replica{api: api, tokens: tokens}
}

func (r *replica) do(t *testing.T, method, path, token, body string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	r.api.ServeHTTP(rec, req)
	return rec
}

// Two application instances on one store instance stand for two replicas on
// one KurrentDB: a token made through one is honoured by the other at once,
// a revocation too, and an idempotent retry through the other appends
// nothing and gets the first answer.
func TestReplicasShareTokensAndIdempotencyKeys(t *testing.T) {
	dir := t.TempDir()
	open := func(name string) *sqlite.Store {
		s, err := sqlite.Open(t.Context(), filepath.Join(dir, name), sqlite.Options{Synchronous: "NORMAL"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	store, accessLog := open(ledgerFile), open(accessFile)
	sealer, err := notify.LoadOrCreateSealer(filepath.Join(dir, secretsKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	one, two := newReplica(t, store, accessLog, sealer), newReplica(t, store, accessLog, sealer)

	admin, err := one.tokens.Create(t.Context(), access.RoleAdmin, "")
	if err != nil {
		t.Fatal(err)
	}
	rec := two.do(t, "POST", "/api/v1/admin/tokens", admin, `{"role":"regulator"}`)
	if rec.Code != 201 {
		t.Fatalf("admin token made through one, used on two: %d %s", rec.Code, rec.Body)
	}
	var created struct{ Token string }
	if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil {
		t.Fatal(err)
	}
	regulator := created.Token

	body := `{"uscc":"91350100M000100Y43","name":"Acme Foods","region":"350100","roles":["manufacturer"],"food_operator":true,"webhook_url":"https://hooks.example/acme","webhook_secret":"hush"}`
	first := one.do(t, "POST", "/api/v1/enterprises", regulator, body, "Idempotency-Key", "reg-1")
	if first.Code != 201 {
		t.Fatalf("token made through two, used on one: %d %s", first.Code, first.Body)
	}
	again := two.do(t, "POST", "/api/v1/enterprises", regulator, body, "Idempotency-Key", "reg-1")
	if again.Code != 201 || again.Body.String() != first.Body.String() ||
		again.Header().Get(httpapi.PositionHeader) != first.Header().Get(httpapi.PositionHeader) ||
		again.Header().Get("Idempotent-Replayed") != "true" {
		t.Errorf("retry through the other replica = %d %s %v, want the first answer %s", again.Code, again.Body, again.Header(), first.Body)
	}
	if head, _ := store.Head(t.Context()); head != 1 {
		t.Errorf("log head %d after the retry, want 1", head)
	}
	other := strings.Replace(body, "Acme Foods", "Acme Drinks", 1)
	if rec := two.do(t, "POST", "/api/v1/enterprises", regulator, other, "Idempotency-Key", "reg-1"); rec.Code != 409 {
		t.Errorf("the key reused for another body on the other replica = %d %s, want 409", rec.Code, rec.Body)
	}

	// The secret is sealed into the registration, never in clear.
	recs, _ := store.ReadAll(t.Context(), 0, 10)
	if len(recs) != 1 || strings.Contains(string(recs[0].Data), "hush") || !strings.Contains(string(recs[0].Data), "webhook_hmac_sealed") {
		t.Errorf("log = %v, want one registration with the secret sealed", recs)
	}

	if rec := one.do(t, "DELETE", "/api/v1/admin/tokens/"+authstore.ID(regulator), admin, ""); rec.Code != 204 {
		t.Fatalf("revoke = %d %s", rec.Code, rec.Body)
	}
	if rec := two.do(t, "GET", "/api/v1/events", regulator, ""); rec.Code != 401 {
		t.Errorf("token revoked through one, used on two = %d, want 401", rec.Code)
	}
	rec = two.do(t, "GET", "/api/v1/admin/tokens", admin, "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"revoked":true`) {
		t.Errorf("token list on two = %d %s", rec.Code, rec.Body)
	}
}
