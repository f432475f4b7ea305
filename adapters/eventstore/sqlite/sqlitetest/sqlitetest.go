// Package sqlitetest gives tests an embedded event store of their own: a
// fresh ledger in the test's temporary directory, closed when it ends.
package sqlitetest

import (
	"path/filepath"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
)

// Open opens a new, empty ledger for t. It syncs as NORMAL: tests need no
// fsync per commit, and crash tests open their stores themselves.
func Open(t testing.TB) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "ledger.db"), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
