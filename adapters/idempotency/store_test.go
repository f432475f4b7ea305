package idempotency

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/httpapi"
)

func openAt(t *testing.T, path string, now *time.Time) *Store {
	t.Helper()
	s, err := Open(t.Context(), path, Options{TTL: time.Hour})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.now = func() time.Time { return *now }
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSaveLookup(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "idempotency.db")
	s := openAt(t, path, &now)
	first := httpapi.SavedResponse{RequestHash: "h1", Status: 201, Body: []byte(`{"head":7}`), Position: 7}

	if _, found, err := s.Lookup(t.Context(), "tokA", "k1"); err != nil || found {
		t.Fatalf("Lookup before Save = found %v, %v; want not found", found, err)
	}
	if err := s.Save(t.Context(), "tokA", "k1", first); err != nil {
		t.Fatalf("Save: %v", err)
	}
	if err := s.Save(t.Context(), "tokA", "k1", httpapi.SavedResponse{RequestHash: "h2", Status: 201, Body: []byte(`{}`)}); err != nil {
		t.Fatalf("second Save: %v", err)
	}
	got, found, err := s.Lookup(t.Context(), "tokA", "k1")
	if err != nil || !found {
		t.Fatalf("Lookup = found %v, %v", found, err)
	}
	if got.RequestHash != first.RequestHash || got.Status != first.Status || !bytes.Equal(got.Body, first.Body) || got.Position != first.Position {
		t.Errorf("Lookup = %+v, want the first answer %+v", got, first)
	}
	if _, found, _ := s.Lookup(t.Context(), "tokB", "k1"); found {
		t.Error("a key of one scope is visible in another")
	}

	// Kept across a reopen (a restart of the server).
	s2 := openAt(t, path, &now)
	if _, found, err := s2.Lookup(t.Context(), "tokA", "k1"); err != nil || !found {
		t.Errorf("after reopen: found %v, %v", found, err)
	}

	// Expired keys are forgotten, may be reused, and are purged.
	now = now.Add(2 * time.Hour)
	if _, found, _ := s.Lookup(t.Context(), "tokA", "k1"); found {
		t.Error("expired key still found")
	}
	second := httpapi.SavedResponse{RequestHash: "h3", Status: 201, Body: []byte(`{"head":9}`), Position: 9}
	if err := s.Save(t.Context(), "tokA", "k1", second); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.Lookup(t.Context(), "tokA", "k1"); got.RequestHash != "h3" {
		t.Errorf("after expiry, Save kept %q, want h3", got.RequestHash)
	}
	if err := s.Save(t.Context(), "tokA", "k2", second); err != nil {
		t.Fatal(err)
	}
	now = now.Add(2 * time.Hour)
	if n, err := s.Purge(t.Context()); err != nil || n != 2 {
		t.Errorf("Purge = %d, %v; want 2", n, err)
	}
}
