package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/domain/event"
)

func openLedger(t *testing.T, n int) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "ledger.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	for i := range n {
		p := event.Pending{ID: uuid.New(), Type: "t.v1", Data: json.RawMessage(`{"i":1}`)}
		if _, err := s.Append(t.Context(), event.Write{Stream: "s", Expected: event.Exact(uint64(i)), Events: []event.Pending{p}}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestResumePointRefusesAnotherLedger: an empty target starts at 0; a target
// holding another ledger's events, or more events than the source, is refused.
func TestResumePointRefusesAnotherLedger(t *testing.T) {
	src := openLedger(t, 5)
	if from, err := resumePoint(t.Context(), src, openLedger(t, 0), 5); err != nil || from != 0 {
		t.Fatalf("empty target: from %d, %v; want 0", from, err)
	}
	if _, err := resumePoint(t.Context(), src, openLedger(t, 3), 5); err == nil || !strings.Contains(err.Error(), "differs") {
		t.Fatalf("another ledger: %v, want a refusal", err)
	}
	if _, err := resumePoint(t.Context(), src, openLedger(t, 6), 5); err == nil {
		t.Fatal("a longer target was accepted")
	}
	if from, err := resumePoint(t.Context(), src, src, 5); err != nil || from != 5 {
		t.Fatalf("a complete copy: from %d, %v; want 5", from, err)
	}
}

func TestVerifyCopyFindsDifferences(t *testing.T) {
	src := openLedger(t, 3)
	if n, err := verifyCopy(t.Context(), src, src); err != nil || n != 3 {
		t.Fatalf("verify a log against itself: %d, %v", n, err)
	}
	if _, err := verifyCopy(t.Context(), src, openLedger(t, 3)); err == nil {
		t.Fatal("two different ledgers verified equal")
	}
	recs, _ := src.ReadAll(t.Context(), 0, 1)
	mod := recs[0]
	mod.Data = json.RawMessage(`{"i":2}`)
	if d := recordDiff(recs[0], mod); d != "data differs" {
		t.Fatalf("recordDiff: %q", d)
	}
}
