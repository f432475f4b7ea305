package sqlite

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

func newPending(n int) event.Pending {
	return event.Pending{
		ID:       uuid.New(),
		Type:     "test.happened.v1",
		Data:     json.RawMessage(fmt.Sprintf(`{"n": %d}`, n)),
		Metadata: event.Metadata{ActorUSCC: "91310000MA1FL8XQ3B", OccurredAt: time.Now()},
	}
}

func one(stream string, exp event.ExpectedVersion, ps ...event.Pending) event.Write {
	return event.Write{Stream: stream, Expected: exp, Events: ps}
}

func mustAppend(t *testing.T, s *Store, ws ...event.Write) []event.Record {
	t.Helper()
	recs, err := s.Append(t.Context(), ws...)
	if err != nil {
		t.Fatalf("Append: %v", err)
	}
	return recs
}

func mustReadAll(t *testing.T, s *Store) []event.Record {
	t.Helper()
	recs, err := s.ReadAll(t.Context(), 0, 1<<30)
	if err != nil {
		t.Fatalf("ReadAll: %v", err)
	}
	return recs
}

// verifyChain fails unless recs are positions 1..n, each chained to the last.
func verifyChain(t *testing.T, recs []event.Record) {
	t.Helper()
	var prev [32]byte
	for i, r := range recs {
		if r.Position != uint64(i+1) {
			t.Fatalf("record %d at position %d", i, r.Position)
		}
		if want := event.Chain(prev, r); r.Hash != want {
			t.Fatalf("position %d: hash %x, want %x", r.Position, r.Hash, want)
		}
		prev = r.Hash
	}
}
