// Package storetest is the contract every event.Store adapter must meet. An
// adapter's own tests call Run with a function that opens a fresh, empty
// store; the suite then checks the behaviour the rest of traceledger relies
// on: optimistic concurrency, idempotent appends, atomicity, reads, the hash
// chain and gap-free subscriptions under concurrent writers.
package storetest

import (
	"testing"

	"github.com/traceledger/traceledger/domain/event"
)

// Run runs every contract subtest against stores made by open. open must return
// a new, empty store (head 0) for each subtest; it may register its own cleanup
// for files or servers. The suite closes the store when the subtest ends, so
// Close must tolerate a second call. Subtests run one after another: several of
// them start many goroutines of their own.
func Run(t *testing.T, open func(t *testing.T) event.Store) {
	suites := []struct {
		name  string
		tests []namedTest
	}{
		{"Append", appendTests},
		{"Idempotency", idempotencyTests},
		{"Keys", keyTests},
		{"Atomicity", atomicityTests},
		{"Read", readTests},
		{"Categories", categoryTests},
		{"Record", recordTests},
		{"Subscribe", subscribeTests},
		{"Concurrency", concurrencyTests},
		{"Close", closeTests},
	}
	for _, s := range suites {
		t.Run(s.name, func(t *testing.T) {
			for _, tc := range s.tests {
				t.Run(tc.name, func(t *testing.T) {
					store := open(t)
					t.Cleanup(func() { _ = store.Close() })
					if h := mustHead(t, store); h != 0 {
						t.Fatalf("open returned a store with head %d, want an empty store", h)
					}
					tc.fn(t, store)
				})
			}
		})
	}
}

// namedTest is one contract subtest; it receives an empty store.
type namedTest struct {
	name string
	fn   func(t *testing.T, s event.Store)
}
