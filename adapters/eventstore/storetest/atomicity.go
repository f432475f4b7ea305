package storetest

import (
	"testing"

	"github.com/traceledger/traceledger/domain/event"
)

var atomicityTests = []namedTest{
	{"MultiEventAppend", testMultiEventAppend},
	{"MultiStreamAppend", testMultiStreamAppend},
	{"SecondStreamFailsNothingWritten", testSecondStreamFails},
}

func testMultiEventAppend(t *testing.T, s event.Store) {
	ps := pendings(50)
	recs := mustAppend(t, s, write("lot", event.NoStream, ps...))
	for i, r := range recs {
		if r.ID != ps[i].ID || r.Version != uint64(i+1) || r.Position != uint64(i+1) {
			t.Fatalf("record %d: id %s version %d position %d", i, r.ID, r.Version, r.Position)
		}
	}
}

func testMultiStreamAppend(t *testing.T, s event.Store) {
	mustAppend(t, s, write("b", event.NoStream, pending(0)))
	a, b, c := pendings(2), pendings(3), pendings(1)
	recs := mustAppend(t, s,
		write("a", event.NoStream, a...),
		write("b", event.Exact(1), b...),
		write("c", event.Any, c...))
	want := []struct {
		stream  string
		version uint64
	}{{"a", 1}, {"a", 2}, {"b", 2}, {"b", 3}, {"b", 4}, {"c", 1}}
	for i, r := range recs {
		if r.Stream != want[i].stream || r.Version != want[i].version || r.Position != uint64(i+2) {
			t.Fatalf("record %d: %s v%d at %d, want %s v%d at %d", i, r.Stream, r.Version, r.Position, want[i].stream, want[i].version, i+2)
		}
	}
}

func testSecondStreamFails(t *testing.T, s event.Store) {
	mustAppend(t, s, write("b", event.NoStream, pending(0)))
	before := mustHead(t, s)
	_, err := s.Append(t.Context(),
		write("a", event.NoStream, pendings(3)...),
		write("b", event.Exact(5), pending(4)))
	wantConcurrency(t, err, "b")
	if after := mustHead(t, s); after != before {
		t.Fatalf("head %d -> %d: the first stream's events were written", before, after)
	}
	if got := mustReadStream(t, s, "a", 0); len(got) != 0 {
		t.Fatalf("stream a holds %d events, want 0", len(got))
	}
}
