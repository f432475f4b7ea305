package runner_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

// seen is a projection that records every position it applies, so a test
// can tell a skipped or doubled event.
type seen struct {
	mu        sync.Mutex
	Positions []uint64 `json:"positions"`
}

func (s *seen) Name() string { return "seen" }
func (s *seen) Reset()       { s.mu.Lock(); s.Positions = nil; s.mu.Unlock() }
func (s *seen) Apply(b []runner.Envelope) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range b {
		s.Positions = append(s.Positions, e.Position)
	}
	return nil
}
func (s *seen) Snapshot(w io.Writer) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return json.NewEncoder(w).Encode(s)
}
func (s *seen) Restore(r io.Reader) error { return json.NewDecoder(r).Decode(s) }

func (s *seen) check(t *testing.T, head uint64) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if uint64(len(s.Positions)) != head {
		t.Fatalf("applied %d events, want %d", len(s.Positions), head)
	}
	for i, p := range s.Positions {
		if p != uint64(i+1) {
			t.Fatalf("event %d applied at position %d: skipped or doubled", i+1, p)
		}
	}
}

func appendN(t *testing.T, store event.Store, stream string, n int) {
	t.Helper()
	for i := range n {
		p := event.Pending{ID: uuid.New(), Type: "test.appended.v1", Data: json.RawMessage(fmt.Sprintf(`{"i":%d}`, i))}
		if _, err := store.Append(t.Context(), event.Write{Stream: stream, Expected: event.Any, Events: []event.Pending{p}}); err != nil {
			t.Fatal(err)
		}
	}
}

func open(t *testing.T, dir string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(dir, "ledger.db"), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Appending while the runner runs, and restarting it from its snapshot,
// applies every event exactly once.
func TestNoEventSkippedOrDoubledAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	store := open(t, dir)
	defer store.Close()
	appendN(t, store, "a", 300)

	run := func(p *seen, appendMore int) {
		r := runner.New(store, runner.Options{Dir: filepath.Join(dir, "models"), BatchSize: 7, SnapshotEvery: time.Millisecond}, p)
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() { done <- r.Run(ctx) }()
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() { appendN(t, store, fmt.Sprintf("w%d", w), appendMore) })
		}
		wg.Wait()
		head, _ := store.Head(t.Context())
		wctx, wcancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer wcancel()
		if err := r.WaitFor(wctx, head); err != nil {
			t.Fatal(err)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	first := &seen{}
	run(first, 100)
	head, _ := store.Head(t.Context())
	first.check(t, head)

	// A new process: the model comes back from its snapshot and carries on.
	second := &seen{}
	run(second, 50)
	head, _ = store.Head(t.Context())
	second.check(t, head)

	// A rebuild from position 1 gives the same model.
	rebuilt := &seen{}
	res, err := runner.Rebuild(t.Context(), store, "", nil, rebuilt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Events != head {
		t.Fatalf("rebuild read %d events, want %d", res.Events, head)
	}
	rebuilt.check(t, head)
}

// WaitFor returns once the models reach the position and fails when the
// context ends first.
func TestWaitFor(t *testing.T) {
	dir := t.TempDir()
	store := open(t, dir)
	defer store.Close()
	r := runner.New(store, runner.Options{Dir: dir}, &seen{})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	short, scancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer scancel()
	if err := r.WaitFor(short, 1); err == nil {
		t.Fatal("WaitFor returned before anything was appended")
	}
	appendN(t, store, "x", 1)
	wctx, wcancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer wcancel()
	if err := r.WaitFor(wctx, 1); err != nil {
		t.Fatal(err)
	}
	if r.Position() != 1 {
		t.Fatalf("position %d, want 1", r.Position())
	}
}
