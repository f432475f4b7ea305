package sqlite

import (
	"path/filepath"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/storetest"
	"github.com/traceledger/traceledger/domain/event"
)

// openTemp opens a fresh ledger in a test directory with the given options.
func openTemp(t *testing.T, opts Options) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ledger.db")
	s, err := Open(t.Context(), path, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, path
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) event.Store {
		s, _ := openTemp(t, Options{})
		return s
	})
}

// The second configuration also reads by category three positions a
// query, so the contract's readers go on from a through short of the head.
func TestContractNormalSmallBatches(t *testing.T) {
	if testing.Short() {
		t.Skip("second configuration")
	}
	span := categorySpan
	categorySpan = 3
	t.Cleanup(func() { categorySpan = span })
	storetest.Run(t, func(t *testing.T) event.Store {
		s, _ := openTemp(t, Options{Synchronous: "NORMAL", MaxBatch: 3})
		return s
	})
}

// One process writes a SQLite ledger: its two "replicas" are one handle.
func TestContractReplicas(t *testing.T) {
	storetest.RunReplicas(t, func(t *testing.T) (event.Store, event.Store) {
		s, _ := openTemp(t, Options{})
		return s, s
	})
}
