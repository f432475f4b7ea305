package sqlite

import (
	"database/sql"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

func TestReopenKeepsLogAndChain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	s, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := mustAppend(t, s, one("lot", event.NoStream, newPending(1), newPending(2)))
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	s, err = Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if h, _ := s.Head(t.Context()); h != 2 {
		t.Fatalf("head after reopen %d, want 2", h)
	}
	// The stream version and the chain both continue from the stored tail.
	next := mustAppend(t, s, one("lot", event.Exact(2), newPending(3)))
	if next[0].Position != 3 || next[0].Version != 3 || next[0].Hash != event.Chain(first[1].Hash, next[0]) {
		t.Fatalf("after reopen: position %d version %d, chain broken: %v", next[0].Position, next[0].Version, next[0].Hash != event.Chain(first[1].Hash, next[0]))
	}
	if _, err := s.Append(t.Context(), one("lot", event.NoStream, newPending(4))); !errors.Is(err, event.ErrConcurrency) {
		t.Fatalf("NoStream on a stream written before reopen: %v", err)
	}
	verifyChain(t, mustReadAll(t, s))
}

func TestSecondOpenIsRefused(t *testing.T) {
	s, path := openTemp(t, Options{})
	_, err := Open(t.Context(), path, Options{})
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "is in use by another process") {
		t.Fatalf("second Open: %v, want ErrInUse saying the ledger is in use", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Fatalf("error %q does not name the ledger", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatalf("Open after the holder closed: %v", err)
	}
	s2.Close()
}

// TestEventsTableIsPlainSQL reads the file the way a regulator's sqlite3 CLI
// would: the columns are named as documented, data is the JSON text exactly
// as appended and hash is the lowercase hex of the record's hash.
func TestEventsTableIsPlainSQL(t *testing.T) {
	s, path := openTemp(t, Options{})
	p := newPending(1)
	p.Data = []byte("{ \"lot\": \"L-1\",\n  \"名\": \"茶\" }")
	recs := mustAppend(t, s, one("lot-1", event.NoStream, p))

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var cols []string
	rows, err := db.Query("SELECT name FROM pragma_table_info('events') ORDER BY cid")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		rows.Scan(&c)
		cols = append(cols, c)
	}
	want := []string{"position", "event_id", "stream", "version", "type", "data", "actor_uscc", "actor_role",
		"correlation_id", "causation_id", "occurred_at", "recorded_at", "hash", "prev_position"}
	if !slices.Equal(cols, want) {
		t.Fatalf("columns %v, want %v", cols, want)
	}

	var (
		pos                         int64
		data, typ, hash, id, stream string
		recorded                    string
	)
	err = db.QueryRow("SELECT position, data, typeof(data), hash, event_id, stream, recorded_at FROM events").
		Scan(&pos, &data, &typ, &hash, &id, &stream, &recorded)
	if err != nil {
		t.Fatal(err)
	}
	if pos != 1 || data != string(p.Data) || typ != "text" || id != p.ID.String() || stream != "lot-1" {
		t.Fatalf("row: position %d data %q (%s) id %s stream %s", pos, data, typ, id, stream)
	}
	if hash != hex.EncodeToString(recs[0].Hash[:]) {
		t.Fatalf("hash column %q, want %x", hash, recs[0].Hash)
	}
	if recorded != event.FormatTime(recs[0].Metadata.RecordedAt) {
		t.Fatalf("recorded_at %q, want %q", recorded, event.FormatTime(recs[0].Metadata.RecordedAt))
	}
	var v int
	db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != schemaVersion {
		t.Fatalf("user_version %d, want %d", v, schemaVersion)
	}
}

func TestOpenReadOnly(t *testing.T) {
	s, path := openTemp(t, Options{})
	mustAppend(t, s, one("lot", event.NoStream, newPending(1), newPending(2)))

	ro, err := OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatalf("OpenReadOnly beside the writer: %v", err)
	}
	defer ro.Close()
	if _, err := ro.Append(t.Context(), one("lot", event.Any, newPending(3))); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Append on a read-only store: %v", err)
	}
	if got := mustReadAll(t, ro); len(got) != 2 {
		t.Fatalf("read-only ReadAll: %d records", len(got))
	}

	// A subscriber on the read-only store sees the writer's later commits.
	got := make(chan event.Record, 10)
	go ro.Subscribe(t.Context(), 0, func(r event.Record) error { got <- r; return nil })
	mustAppend(t, s, one("lot", event.Exact(2), newPending(3)))
	for want := uint64(1); want <= 3; want++ {
		select {
		case r := <-got:
			if r.Position != want {
				t.Fatalf("read-only subscriber got position %d, want %d", r.Position, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("read-only subscriber did not see position %d", want)
		}
	}
	if h, err := ro.Head(t.Context()); err != nil || h != 3 {
		t.Fatalf("read-only Head = %d, %v; want 3", h, err)
	}
}

func TestOpenReadOnlyMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nothing.db")
	if _, err := OpenReadOnly(t.Context(), path); err == nil {
		t.Fatal("OpenReadOnly of a missing file succeeded")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("OpenReadOnly created %s", path)
	}
}

func TestOptionsAreChecked(t *testing.T) {
	for _, o := range []Options{{Synchronous: "OFF"}, {MaxBatch: -1}} {
		if _, err := Open(t.Context(), filepath.Join(t.TempDir(), "l.db"), o); err == nil {
			t.Fatalf("Open with %+v succeeded", o)
		}
	}
}

func TestOpenReadOnlyWithoutWriter(t *testing.T) {
	s, path := openTemp(t, Options{})
	mustAppend(t, s, one("lot", event.NoStream, newPending(1)))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatalf("OpenReadOnly of a closed ledger: %v", err)
	}
	defer ro.Close()
	if got := mustReadAll(t, ro); len(got) != 1 {
		t.Fatalf("ReadAll: %d records", len(got))
	}
	verifyChain(t, mustReadAll(t, ro))
}
