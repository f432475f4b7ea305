package kurrentdb_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/adapters/eventstore/kurrentdb"
	"github.com/traceledger/traceledger/adapters/eventstore/storetest"
	"github.com/traceledger/traceledger/domain/event"
)

// TestContract runs the shared store contract against a real KurrentDB when
// TRACELEDGER_KURRENTDB_URL names one; each subtest gets a log stream of its
// own, which is an empty ledger.
func TestContract(t *testing.T) {
	url := os.Getenv("TRACELEDGER_KURRENTDB_URL")
	if url == "" {
		t.Skip("TRACELEDGER_KURRENTDB_URL is not set: the KurrentDB contract suite needs a server (e.g. kurrentdb://localhost:2113?tls=false)")
	}
	storetest.Run(t, func(t *testing.T) event.Store {
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		defer cancel()
		s, err := kurrentdb.Open(ctx, url, kurrentdb.Options{Log: "traceledger-test-" + uuid.NewString()})
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		return s
	})
}

// TestContractReplicas runs the two-process checks with two connections to
// one log, as two replicas have.
func TestContractReplicas(t *testing.T) {
	url := os.Getenv("TRACELEDGER_KURRENTDB_URL")
	if url == "" {
		t.Skip("TRACELEDGER_KURRENTDB_URL is not set: the KurrentDB contract suite needs a server (e.g. kurrentdb://localhost:2113?tls=false)")
	}
	storetest.RunReplicas(t, func(t *testing.T) (event.Store, event.Store) {
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		defer cancel()
		log := "traceledger-test-" + uuid.NewString()
		one, err := kurrentdb.Open(ctx, url, kurrentdb.Options{Log: log})
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		two, err := kurrentdb.Open(ctx, url, kurrentdb.Options{Log: log})
		if err != nil {
			one.Close()
			t.Fatalf("open: %v", err)
		}
		return one, two
	})
}
