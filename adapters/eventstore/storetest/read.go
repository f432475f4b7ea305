package storetest

import (
	"testing"

	"github.com/traceledger/traceledger/domain/event"
)

var readTests = []namedTest{
	{"EmptyStore", testReadEmpty},
	{"ReadStreamFromVersion", testReadStreamFrom},
	{"ReadAllPages", testReadAllPages},
	{"ReadsMatchAppend", testReadsMatchAppend},
}

func testReadEmpty(t *testing.T, s event.Store) {
	if got := mustReadStream(t, s, "nothing", 0); len(got) != 0 {
		t.Fatalf("ReadStream of an unknown stream: %d records", len(got))
	}
	if got := readAll(t, s, 0); len(got) != 0 {
		t.Fatalf("ReadAll of an empty store: %d records", len(got))
	}
}

func testReadStreamFrom(t *testing.T, s event.Store) {
	mustAppend(t, s, write("lot", event.NoStream, pendings(2)...))
	mustAppend(t, s, write("other", event.NoStream, pendings(2)...))
	mustAppend(t, s, write("lot", event.Exact(2), pendings(3)...))
	cases := []struct {
		from  uint64
		first uint64
		n     int
	}{{0, 1, 5}, {1, 1, 5}, {3, 3, 3}, {5, 5, 1}, {6, 0, 0}, {100, 0, 0}}
	for _, tc := range cases {
		got := mustReadStream(t, s, "lot", tc.from)
		if len(got) != tc.n {
			t.Fatalf("ReadStream from %d: %d records, want %d", tc.from, len(got), tc.n)
		}
		for i, r := range got {
			if r.Stream != "lot" || r.Version != tc.first+uint64(i) {
				t.Fatalf("ReadStream from %d: record %d is %s v%d", tc.from, i, r.Stream, r.Version)
			}
		}
	}
}

func testReadAllPages(t *testing.T, s event.Store) {
	for i := range 5 {
		mustAppend(t, s, write("lot", event.Exact(uint64(i*5)), pendings(5)...))
	}
	var after uint64
	for _, want := range []int{10, 10, 5, 0} {
		page, err := s.ReadAll(t.Context(), after, 10)
		if err != nil {
			t.Fatalf("ReadAll(%d, 10): %v", after, err)
		}
		if len(page) != want {
			t.Fatalf("ReadAll(%d, 10): %d records, want %d", after, len(page), want)
		}
		for i, r := range page {
			if r.Position != after+uint64(i)+1 {
				t.Fatalf("ReadAll(%d, 10)[%d].Position = %d", after, i, r.Position)
			}
		}
		if len(page) > 0 {
			after = page[len(page)-1].Position
		}
	}
	page, err := s.ReadAll(t.Context(), 7, 1)
	if err != nil || len(page) != 1 || page[0].Position != 8 {
		t.Fatalf("ReadAll(7, 1) = %d records, %v; want position 8", len(page), err)
	}
}

func testReadsMatchAppend(t *testing.T, s event.Store) {
	var appended []event.Record
	appended = append(appended, mustAppend(t, s, write("a", event.NoStream, pendings(3)...))...)
	appended = append(appended, mustAppend(t, s, write("b", event.NoStream, pendings(2)...), write("a", event.Exact(3), pending(9)))...)
	sameRecords(t, "ReadAll", appended, readAll(t, s, 0))
	var streamA []event.Record
	for _, r := range appended {
		if r.Stream == "a" {
			streamA = append(streamA, r)
		}
	}
	sameRecords(t, "ReadStream", streamA, mustReadStream(t, s, "a", 0))
}
