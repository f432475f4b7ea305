package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/authstore"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/domain/access"
)

// The server accepts a token created while it runs, records a command
// through the real handlers and store, and on cancellation finishes and
// closes the store with the event committed.
func TestServeEndToEnd(t *testing.T) {
	data := t.TempDir()
	cfg := load(t, []string{"--data", data, "--addr", "127.0.0.1:0"}, nil)
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, cfg, slog.New(slog.DiscardHandler), func(addr string) { addrc <- addr })
	}()
	var base string
	select {
	case addr := <-addrc:
		base = "http://" + addr
	case err := <-done:
		t.Fatalf("serve returned early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}

	// Another process (the CLI) creates the token while serve runs.
	tokens, err := authstore.Open(t.Context(), filepath.Join(data, tokensFile), authstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	token, err := tokens.Create(t.Context(), access.RoleRegulator, "")
	tokens.Close()
	if err != nil {
		t.Fatal(err)
	}

	body := `{"uscc":"91350100M000100Y43","name":"Acme Foods","region":"350100","roles":["manufacturer"],"food_operator":true}`
	req, _ := http.NewRequestWithContext(t.Context(), "POST", base+"/api/v1/enterprises", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("X-Correlation-ID", "order-42")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 201 || resp.Header.Get("X-Traceledger-Position") != "1" {
		t.Fatalf("register enterprise = %d %s", resp.StatusCode, b)
	}

	req, _ = http.NewRequestWithContext(t.Context(), "GET", base+"/api/v1/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Events []struct {
			Type          string `json:"type"`
			CorrelationID string `json:"correlation_id"`
		} `json:"events"`
	}
	err = json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if err != nil || len(page.Events) != 1 || page.Events[0].CorrelationID != "order-42" {
		t.Errorf("events = %+v, %v; want one event correlated to order-42", page, err)
	}

	resp, err = http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var health struct {
		Status string
		Head   uint64
	}
	err = json.NewDecoder(resp.Body).Decode(&health)
	resp.Body.Close()
	if err != nil || health.Status != "ok" || health.Head != 1 {
		t.Errorf("/healthz = %+v, %v", health, err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not shut down")
	}
	store, err := sqlite.Open(t.Context(), filepath.Join(data, ledgerFile), sqlite.Options{})
	if err != nil {
		t.Fatalf("reopen the ledger after shutdown: %v", err)
	}
	defer store.Close()
	if head, err := store.Head(t.Context()); err != nil || head != 1 {
		t.Errorf("head after restart = %d, %v; want 1", head, err)
	}
}
