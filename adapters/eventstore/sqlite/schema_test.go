package sqlite

import (
	"database/sql"
	"encoding/hex"
	"path/filepath"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

// TestMigrateLinksExistingStreams opens a ledger written at schema 1 (with the
// old (stream, version) index): migration 2 links every event to its stream's
// previous one and fills streams, so reads and appends go on as before.
func TestMigrateLinksExistingStreams(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(migrations[0] + "; PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
	var prev [32]byte
	now := event.NormalizeTime(time.Now())
	for i, stream := range []string{"a", "a", "b", "a"} {
		p := newPending(i)
		version := map[int]uint64{0: 1, 1: 2, 2: 1, 3: 3}[i]
		r := event.Record{ID: p.ID, Stream: stream, Version: version, Position: uint64(i + 1), Type: p.Type, Data: p.Data,
			Metadata: p.Metadata}
		r.Metadata.OccurredAt, r.Metadata.RecordedAt = event.NormalizeTime(r.Metadata.OccurredAt), now
		r.Hash = event.Chain(prev, r)
		prev = r.Hash
		_, err := db.Exec("INSERT INTO events ("+columns+") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
			int64(r.Position), r.ID.String(), r.Stream, int64(r.Version), r.Type, string(r.Data), r.Metadata.ActorUSCC,
			r.Metadata.ActorRole, r.Metadata.CorrelationID, r.Metadata.CausationID,
			event.FormatTime(r.Metadata.OccurredAt), event.FormatTime(now), hex.EncodeToString(r.Hash[:]))
		if err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatalf("open at schema 1: %v", err)
	}
	defer s.Close()
	a, err := s.ReadStream(t.Context(), "a", 0)
	if err != nil || len(a) != 3 || a[0].Version != 1 || a[2].Version != 3 || a[2].Position != 4 {
		t.Fatalf("stream a after migration: %d records, %v", len(a), err)
	}
	if a2, _ := s.ReadStream(t.Context(), "a", 2); len(a2) != 2 || a2[0].Version != 2 {
		t.Fatalf("stream a from version 2: %d records", len(a2))
	}
	mustAppend(t, s, one("a", event.Exact(3), newPending(5)), one("b", event.Exact(1), newPending(6)))
	if _, err := s.Append(t.Context(), one("b", event.Exact(1), newPending(7))); err == nil {
		t.Fatal("stale expected version accepted after migration")
	}
	a, _ = s.ReadStream(t.Context(), "a", 0)
	b, _ := s.ReadStream(t.Context(), "b", 0)
	if len(a) != 4 || len(b) != 2 || b[1].Position != 6 || b[0].Position != 3 {
		t.Fatalf("after migration and appends: a %d, b %d records", len(a), len(b))
	}
	verifyChain(t, mustReadAll(t, s))
}

// TestMigrateAddsIdempotencyKeys opens a ledger at schema 2: migration 3
// adds the idempotency table, so keyed appends work on existing ledgers.
func TestMigrateAddsIdempotencyKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(migrations[0] + ";" + migrations[1] + "; PRAGMA user_version = 2"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatalf("open at schema 2: %v", err)
	}
	defer s.Close()
	k := event.Key{Scope: "tok", Key: "k", RequestHash: "h"}
	recs, err := s.AppendKeyed(t.Context(), k, one("a", event.NoStream, newPending(1)))
	if err != nil {
		t.Fatalf("keyed append after migration: %v", err)
	}
	got, found, err := s.LookupKey(t.Context(), "tok", "k")
	if err != nil || !found || len(got.Records) != 1 || got.Records[0].ID != recs[0].ID {
		t.Fatalf("LookupKey = %+v, %v, %v", got, found, err)
	}
}
