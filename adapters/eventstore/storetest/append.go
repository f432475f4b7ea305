package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain/event"
)

var appendTests = []namedTest{
	{"NoStreamCreatesStream", testNoStreamCreatesStream},
	{"PositionsAndVersionsAreGapFree", testPositionsAndVersions},
	{"ExpectedVersion", testExpectedVersion},
	{"InvalidAppendWritesNothing", testInvalidAppend},
	{"CanceledContext", testCanceledContext},
}

func testNoStreamCreatesStream(t *testing.T, s event.Store) {
	recs := mustAppend(t, s, write("lot-1", event.NoStream, pendings(3)...))
	for i, r := range recs {
		if r.Position != uint64(i+1) || r.Version != uint64(i+1) || r.Stream != "lot-1" {
			t.Fatalf("record %d: position %d version %d stream %q, want %d %d lot-1", i, r.Position, r.Version, r.Stream, i+1, i+1)
		}
	}
	wantHead(t, s, 3)
}

func testPositionsAndVersions(t *testing.T, s event.Store) {
	streams := []string{"a", "b", "c"}
	versions := map[string]uint64{}
	var pos uint64
	for round := range 4 {
		for _, st := range streams {
			n := 1 + round%3
			recs := mustAppend(t, s, write(st, event.Exact(versions[st]), pendings(n)...))
			for _, r := range recs {
				pos++
				versions[st]++
				if r.Position != pos || r.Version != versions[st] {
					t.Fatalf("%s: position %d version %d, want %d %d", st, r.Position, r.Version, pos, versions[st])
				}
			}
		}
	}
	wantHead(t, s, pos)
	all := readAll(t, s, 0)
	for i, r := range all {
		if r.Position != uint64(i+1) {
			t.Fatalf("ReadAll[%d].Position = %d", i, r.Position)
		}
	}
}

func testExpectedVersion(t *testing.T, s event.Store) {
	mustAppend(t, s, write("s", event.NoStream, pendings(2)...))
	cases := []struct {
		name   string
		stream string
		exp    event.ExpectedVersion
		ok     bool
	}{
		{"NoStreamOnExisting", "s", event.NoStream, false},
		{"ExactTooLow", "s", event.Exact(1), false},
		{"ExactTooHigh", "s", event.Exact(3), false},
		{"ExactOnMissingStream", "missing", event.Exact(1), false},
		{"ExactRight", "s", event.Exact(2), true},
		{"AnyOnExisting", "s", event.Any, true},
		{"AnyOnNewStream", "fresh", event.Any, true},
		{"ExactZeroIsNoStream", "fresh2", event.Exact(0), true},
		{"ExactAfterAny", "s", event.Exact(4), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := mustHead(t, s)
			_, err := s.Append(t.Context(), write(tc.stream, tc.exp, pending(1)))
			after := mustHead(t, s)
			if tc.ok {
				if err != nil {
					t.Fatalf("Append %s to %q: %v", tc.exp, tc.stream, err)
				}
				if after != before+1 {
					t.Fatalf("head %d -> %d, want +1", before, after)
				}
				return
			}
			wantConcurrency(t, err, tc.stream)
			if after != before {
				t.Fatalf("failed append moved head %d -> %d", before, after)
			}
		})
	}
}

func testInvalidAppend(t *testing.T, s event.Store) {
	mustAppend(t, s, write("s", event.NoStream, pending(1)))
	dup := pending(2)
	bad := func(mod func(*event.Pending)) event.Pending {
		p := pending(3)
		mod(&p)
		return p
	}
	cases := []struct {
		name   string
		writes []event.Write
	}{
		{"NoWrites", nil},
		{"EmptyStream", []event.Write{write("", event.Any, pending(1))}},
		{"StreamNotUTF8", []event.Write{write("lot-\xff", event.Any, pending(1))}},
		{"NoEvents", []event.Write{write("s", event.Any)}},
		{"NilID", []event.Write{write("s", event.Any, bad(func(p *event.Pending) { p.ID = [16]byte{} }))}},
		{"NoType", []event.Write{write("s", event.Any, bad(func(p *event.Pending) { p.Type = "" }))}},
		{"DataNotObject", []event.Write{write("s", event.Any, bad(func(p *event.Pending) { p.Data = []byte(`[1,2]`) }))}},
		{"DataNotJSON", []event.Write{write("s", event.Any, bad(func(p *event.Pending) { p.Data = []byte(`{"a":`) }))}},
		{"SameIDTwice", []event.Write{write("s", event.Any, dup, dup)}},
		{"SameStreamTwice", []event.Write{write("s", event.Any, pending(4)), write("s", event.Any, pending(5))}},
		{"ValidThenInvalid", []event.Write{write("t", event.NoStream, pending(6)), write("", event.Any, pending(7))}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Append(t.Context(), tc.writes...)
			if !errors.Is(err, event.ErrInvalidAppend) {
				t.Fatalf("err = %v, want ErrInvalidAppend", err)
			}
			if h := mustHead(t, s); h != 1 {
				t.Fatalf("head %d after invalid append, want 1", h)
			}
		})
	}
}

func testCanceledContext(t *testing.T, s event.Store) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.Append(ctx, write("s", event.NoStream, pending(1))); err == nil {
		t.Fatal("Append with a canceled context succeeded")
	}
	// The store must still work for others.
	mustAppend(t, s, write("s2", event.NoStream, pending(2)))
}
