package main

import (
	"context"
	"encoding/json"
	"errors"
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
		done <- serve(ctx, serveConfig{Config: cfg, Logger: slog.New(slog.DiscardHandler), Ready: func(addr string) { addrc <- addr }})
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

// startServe runs serve on a fresh data directory with the given faults and
// returns its base URL and the channel its result arrives on.
func startServe(t *testing.T, ctx context.Context, faults map[string]<-chan error) (string, <-chan error) {
	t.Helper()
	cfg := load(t, []string{"--data", t.TempDir(), "--addr", "127.0.0.1:0"}, nil)
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, serveConfig{Config: cfg, Logger: slog.New(slog.DiscardHandler), Ready: func(addr string) { addrc <- addr }, faults: faults})
	}()
	select {
	case addr := <-addrc:
		return "http://" + addr, done
	case err := <-done:
		t.Fatalf("serve returned early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	return "", nil
}

// healthz is the answer of /healthz.
type healthz struct {
	code       int
	Status     string
	Head       uint64
	Components []struct {
		Name, Status, Error string
		Restarts            int
	}
}

func getHealthz(t *testing.T, base string) healthz {
	t.Helper()
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	h := healthz{code: resp.StatusCode}
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
		t.Fatal(err)
	}
	return h
}

// The read models cannot be restarted under a running server (queries hold
// them), so their runner dying ends serve with an error naming them, after
// an orderly shutdown that leaves the stores closed.
func TestServeEndsWhenTheReadModelRunnerDies(t *testing.T) {
	kill := make(chan error, 1)
	base, done := startServe(t, t.Context(), map[string]<-chan error{componentReadModels: kill})
	if h := getHealthz(t, base); h.code != 200 || len(h.Components) != 6 {
		t.Fatalf("/healthz before = %+v, want 200 with the read models, the search index, the EPCIS model, bus, notary and EPCIS subscriptions", h)
	}
	kill <- errors.New("killed by the test")
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "read models: killed by the test") {
			t.Fatalf("serve = %v, want the read models' failure", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve went on after its read-model runner died")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("the HTTP server still answers after serve ended")
	}
}

// The bus may be restarted (the forwarder resumes from its checkpoint), so
// its failure turns /healthz to 503 naming it, and once it runs again
// /healthz is 200 with the restart and its cause kept.
func TestServeRestartsAFailedBusAndReportsIt(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	kill := make(chan error, 1)
	base, done := startServe(t, ctx, map[string]<-chan error{componentBus: kill})
	kill <- errors.New("killed by the test")
	bus := func(h healthz) (status, msg string, restarts int) {
		for _, c := range h.Components {
			if c.Name == componentBus {
				return c.Status, c.Error, c.Restarts
			}
		}
		return "", "", 0
	}
	sawDown := false
	deadline := time.Now().Add(firstBackoff + 10*time.Second)
	for {
		h := getHealthz(t, base)
		status, msg, restarts := bus(h)
		if status == "restarting" {
			sawDown = true
			if h.code != 503 || msg != "bus: killed by the test" {
				t.Errorf("/healthz while the bus is down = %+v", h)
			}
		}
		if status == "running" && restarts == 1 {
			if h.code != 200 || msg != "bus: killed by the test" {
				t.Errorf("/healthz after the restart = %+v", h)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the bus was not restarted: %+v", h)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !sawDown {
		t.Error("/healthz never reported the bus down")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve after the bus restarted: %v", err)
	}
}
