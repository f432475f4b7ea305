package storetest

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain/event"
)

// RunReplicas checks what two processes on one store rely on: each sees the
// other's appends and idempotency keys at once, and a key is recorded once
// whichever process appends it. open returns two handles on one new, empty
// store: two connections to one server, or the same handle twice for a
// store only one process may write.
func RunReplicas(t *testing.T, open func(t *testing.T) (one, two event.Store)) {
	tests := []struct {
		name string
		fn   func(t *testing.T, one, two event.Store)
	}{
		{"StreamWrittenByOneIsReadByTheOther", testReplicaReadsOthersStream},
		{"KeyRecordedByOneIsKnownToTheOther", testReplicaKnowsOthersKey},
		{"RacingKeyedAppendsOnBothOneWins", testReplicasRaceOnKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			one, two := open(t)
			t.Cleanup(func() { _ = one.Close(); _ = two.Close() })
			tc.fn(t, one, two)
		})
	}
}

func testReplicaReadsOthersStream(t *testing.T, one, two event.Store) {
	mustAppend(t, one, write("token-1", event.NoStream, pending(1)))
	if recs := mustReadStream(t, two, "token-1", 0); len(recs) != 1 {
		t.Fatalf("the other process reads %d records, want 1", len(recs))
	}
	mustAppend(t, two, write("token-1", event.Exact(1), pending(2)))
	if recs := mustReadStream(t, one, "token-1", 0); len(recs) != 2 {
		t.Errorf("the first process reads %d records after the other's append, want 2", len(recs))
	}
}

func testReplicaKnowsOthersKey(t *testing.T, one, two event.Store) {
	first, err := one.AppendKeyed(t.Context(), key("tok-1", "k"), write("a", event.NoStream, pending(1)))
	if err != nil {
		t.Fatal(err)
	}
	sameRecords(t, "the other process's lookup", first, mustLookup(t, two, "tok-1", "k").Records)
	_, err = two.AppendKeyed(t.Context(), key("tok-1", "k"), write("b", event.NoStream, pending(2)))
	if !errors.Is(err, event.ErrKeyRecorded) {
		t.Fatalf("the key again through the other process = %v, want ErrKeyRecorded", err)
	}
	if h := mustHead(t, one); h != 1 {
		t.Errorf("head %d, want 1", h)
	}
}

func testReplicasRaceOnKey(t *testing.T, one, two event.Store) {
	wins, errs := raceOnKey(t, func(i int) event.Store {
		if i%2 == 1 {
			return two
		}
		return one
	})
	if wins != 1 || len(errs) > 0 {
		t.Errorf("%d appends won, other errors %v; want one win and ErrKeyRecorded for the rest", wins, errs)
	}
	if h := mustHead(t, two); h != 1 {
		t.Errorf("head %d, want 1", h)
	}
}
