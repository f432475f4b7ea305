package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// testType is the event type the suite writes; adapters must not care.
const testType = "storetest.happened.v1"

// pending returns a new event with a fresh id, data naming n, and full metadata
// whose OccurredAt carries nanoseconds and a zone, so stores must normalise it.
func pending(n int) event.Pending {
	id := uuid.New()
	zone := time.FixedZone("UTC+8", 8*60*60)
	return event.Pending{
		ID:   id,
		Type: testType,
		Data: json.RawMessage(fmt.Sprintf(`{"n": %d, "lot": "L-%04d", "note": "grüße ✓"}`, n, n)),
		Metadata: event.Metadata{
			ActorUSCC:     "91310000MA1FL8XQ3B",
			ActorRole:     "manufacturer",
			CorrelationID: "corr-" + id.String()[:8],
			CausationID:   "cause-" + id.String()[:8],
			OccurredAt:    time.Date(2025, 3, 14, 15, 9, 26, 535897932, zone),
		},
	}
}

// pendings returns n fresh events numbered from 1.
func pendings(n int) []event.Pending {
	out := make([]event.Pending, n)
	for i := range out {
		out[i] = pending(i + 1)
	}
	return out
}

// write is the one-stream append most tests make.
func write(stream string, exp event.ExpectedVersion, ps ...event.Pending) event.Write {
	return event.Write{Stream: stream, Expected: exp, Events: ps}
}

func mustAppend(t *testing.T, s event.Store, ws ...event.Write) []event.Record {
	t.Helper()
	recs, err := s.Append(t.Context(), ws...)
	if err != nil {
		t.Fatalf("Append: %v", err)
	}
	n := 0
	for _, w := range ws {
		n += len(w.Events)
	}
	if len(recs) != n {
		t.Fatalf("Append returned %d records, want %d", len(recs), n)
	}
	return recs
}

// wantHead fails the test unless s's head is want.
func wantHead(t *testing.T, s event.Store, want uint64) {
	t.Helper()
	if h := mustHead(t, s); h != want {
		t.Fatalf("head %d, want %d", h, want)
	}
}

func mustHead(t *testing.T, s event.Store) uint64 {
	t.Helper()
	h, err := s.Head(t.Context())
	if err != nil {
		t.Fatalf("Head: %v", err)
	}
	return h
}

func mustReadStream(t *testing.T, s event.Store, stream string, from uint64) []event.Record {
	t.Helper()
	recs, err := s.ReadStream(t.Context(), stream, from)
	if err != nil {
		t.Fatalf("ReadStream(%q, %d): %v", stream, from, err)
	}
	return recs
}

// readAll pages through the whole log after position after.
func readAll(t *testing.T, s event.Store, after uint64) []event.Record {
	t.Helper()
	var out []event.Record
	for {
		page, err := s.ReadAll(t.Context(), after, 97)
		if err != nil {
			t.Fatalf("ReadAll(%d, 97): %v", after, err)
		}
		out = append(out, page...)
		if len(page) < 97 {
			return out
		}
		after = page[len(page)-1].Position
	}
}

// wantConcurrency fails unless err is a concurrency error naming stream.
func wantConcurrency(t *testing.T, err error, stream string) {
	t.Helper()
	if !errors.Is(err, event.ErrConcurrency) {
		t.Fatalf("err = %v, want ErrConcurrency", err)
	}
	var ce *event.ConcurrencyError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a *event.ConcurrencyError", err)
	}
	if ce.Stream != stream {
		t.Fatalf("ConcurrencyError.Stream = %q, want %q", ce.Stream, stream)
	}
}

// sameRecord reports the first difference between two records, or "".
func sameRecord(want, got event.Record) string {
	switch {
	case want.ID != got.ID:
		return fmt.Sprintf("id %s, want %s", got.ID, want.ID)
	case want.Stream != got.Stream:
		return fmt.Sprintf("stream %q, want %q", got.Stream, want.Stream)
	case want.Version != got.Version:
		return fmt.Sprintf("version %d, want %d", got.Version, want.Version)
	case want.Position != got.Position:
		return fmt.Sprintf("position %d, want %d", got.Position, want.Position)
	case want.Type != got.Type:
		return fmt.Sprintf("type %q, want %q", got.Type, want.Type)
	case !bytes.Equal(want.Data, got.Data):
		return fmt.Sprintf("data %q, want %q", got.Data, want.Data)
	case want.Metadata.ActorUSCC != got.Metadata.ActorUSCC,
		want.Metadata.ActorRole != got.Metadata.ActorRole,
		want.Metadata.CorrelationID != got.Metadata.CorrelationID,
		want.Metadata.CausationID != got.Metadata.CausationID:
		return fmt.Sprintf("metadata %+v, want %+v", got.Metadata, want.Metadata)
	case !want.Metadata.OccurredAt.Equal(got.Metadata.OccurredAt):
		return fmt.Sprintf("occurred at %v, want %v", got.Metadata.OccurredAt, want.Metadata.OccurredAt)
	case !want.Metadata.RecordedAt.Equal(got.Metadata.RecordedAt):
		return fmt.Sprintf("recorded at %v, want %v", got.Metadata.RecordedAt, want.Metadata.RecordedAt)
	case want.Hash != got.Hash:
		return fmt.Sprintf("hash %x, want %x", got.Hash, want.Hash)
	}
	return ""
}

// sameRecords fails at the first record that differs.
func sameRecords(t *testing.T, what string, want, got []event.Record) {
	t.Helper()
	if len(want) != len(got) {
		t.Fatalf("%s: %d records, want %d", what, len(got), len(want))
	}
	for i := range want {
		if d := sameRecord(want[i], got[i]); d != "" {
			t.Fatalf("%s: record %d: %s", what, i, d)
		}
	}
}

// withTimeout bounds a test that would otherwise hang on a missed event.
func withTimeout(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), d)
	t.Cleanup(cancel)
	return ctx
}
