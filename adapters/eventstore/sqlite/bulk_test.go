package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/storetest"
	"github.com/traceledger/traceledger/domain/event"
)

// bulkOne is the store with every Append made as a bulk of one append, so
// the contract suite judges the bulk path's decisions and records.
type bulkOne struct{ *Store }

func (b bulkOne) Append(ctx context.Context, writes ...event.Write) ([]event.Record, error) {
	return b.AppendBulk(ctx, [][]event.Write{writes})
}

func TestContractThroughBulkAppends(t *testing.T) {
	storetest.Run(t, func(t *testing.T) event.Store {
		s, _ := openTemp(t, Options{})
		return bulkOne{s}
	})
}

func TestBulkWritesTheSameLogAsAppendsOneByOne(t *testing.T) {
	var appends [][]event.Write
	for i := range 300 {
		stream := []string{"a", "b", "c"}[i%3]
		exp := event.Exact(uint64(2 * (i / 3)))
		appends = append(appends, []event.Write{one(stream, exp, newPending(i), newPending(1000+i))})
	}
	bulk, _ := openTemp(t, Options{})
	recs, err := bulk.AppendBulk(t.Context(), appends)
	if err != nil {
		t.Fatalf("AppendBulk: %v", err)
	}
	if len(recs) != 600 {
		t.Fatalf("%d records, want 600", len(recs))
	}
	stored := mustReadAll(t, bulk)
	verifyChain(t, stored)
	single, _ := openTemp(t, Options{})
	for _, ws := range appends {
		mustAppend(t, single, ws...)
	}
	for i, r := range mustReadAll(t, single) {
		b := stored[i]
		if r.ID != b.ID || r.Stream != b.Stream || r.Version != b.Version || r.Position != b.Position || string(r.Data) != string(b.Data) {
			t.Fatalf("position %d: bulk wrote %s v%d %s, one by one %s v%d %s", i+1, b.Stream, b.Version, b.ID, r.Stream, r.Version, r.ID)
		}
	}
	// Streams read back through their links, as after ordinary appends.
	got, err := bulk.ReadStream(t.Context(), "b", 0)
	if err != nil || len(got) != 200 || got[199].Version != 200 {
		t.Fatalf("stream b: %d records, err %v", len(got), err)
	}
}

func TestBulkWithOneRefusedAppendWritesNothing(t *testing.T) {
	s, _ := openTemp(t, Options{})
	mustAppend(t, s, one("a", event.NoStream, newPending(0)))
	dup := newPending(7)
	appends := [][]event.Write{
		{one("b", event.NoStream, newPending(1))},
		{one("a", event.Exact(1), newPending(2))},
		{one("c", event.NoStream, dup)},
		{one("a", event.Exact(1), newPending(3))}, // a is at 2 by now: refused
	}
	_, err := s.AppendBulk(t.Context(), appends)
	if !errors.Is(err, event.ErrConcurrency) {
		t.Fatalf("AppendBulk: %v, want ErrConcurrency", err)
	}
	if recs := mustReadAll(t, s); len(recs) != 1 {
		t.Fatalf("%d events after the refused bulk, want the 1 before it", len(recs))
	}
	// The store goes on from where it was: the same ids append afterwards.
	recs := mustAppend(t, s, one("c", event.NoStream, dup))
	if recs[0].Position != 2 {
		t.Fatalf("next append at position %d, want 2", recs[0].Position)
	}
	// A bulk naming an id stored in another stream is refused whole too.
	_, err = s.AppendBulk(t.Context(), [][]event.Write{{one("d", event.NoStream, newPending(8))}, {one("e", event.NoStream, dup)}})
	if !errors.Is(err, event.ErrDuplicateID) {
		t.Fatalf("AppendBulk with a stored id: %v, want ErrDuplicateID", err)
	}
	if recs := mustReadAll(t, s); len(recs) != 2 {
		t.Fatalf("%d events, want 2", len(recs))
	}
}

func TestCancelledBulkWritesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ledger.db")
	s, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustAppend(t, s, one("a", event.NoStream, newPending(0)))
	// A context already cancelled: the bulk is refused before the writer
	// takes it.
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.AppendBulk(ctx, [][]event.Write{{one("b", event.NoStream, newPending(1))}}); !errors.Is(err, context.Canceled) {
		t.Fatalf("AppendBulk with a cancelled context: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	recs := mustReadAll(t, r)
	if len(recs) != 1 {
		t.Fatalf("%d events after reopening, want 1", len(recs))
	}
	verifyChain(t, recs)
}
