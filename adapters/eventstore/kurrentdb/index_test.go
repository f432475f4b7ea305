package kurrentdb

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/event"
)

func pend(n int) event.Pending {
	return event.Pending{ID: uuid.New(), Type: "t.v1", Data: json.RawMessage(fmt.Sprintf(`{"n": %d}`, n)),
		Metadata: event.Metadata{ActorUSCC: "U", OccurredAt: time.Date(2026, 1, 2, 3, 4, 5, 6789, time.FixedZone("x", 3600))}}
}

// commit plans writes against x and folds the planned records in, as a
// successful append does.
func commit(t *testing.T, x *index, ws ...event.Write) []event.Record {
	t.Helper()
	d, err := x.plan(ws, nil, time.Now())
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	for _, r := range d.records {
		if err := x.add(r); err != nil {
			t.Fatalf("add: %v", err)
		}
	}
	return d.records
}

func TestPlanAssignsPositionsVersionsAndChain(t *testing.T) {
	x := newIndex()
	a := commit(t, x, event.Write{Stream: "a", Expected: event.NoStream, Events: []event.Pending{pend(1), pend(2)}})
	b := commit(t, x, event.Write{Stream: "b", Expected: event.Any, Events: []event.Pending{pend(3)}},
		event.Write{Stream: "a", Expected: event.Exact(2), Events: []event.Pending{pend(4)}})
	all := append(a, b...)
	want := []struct {
		stream  string
		version uint64
	}{{"a", 1}, {"a", 2}, {"b", 1}, {"a", 3}}
	var prev [32]byte
	for i, r := range all {
		if r.Position != uint64(i+1) || r.Stream != want[i].stream || r.Version != want[i].version {
			t.Fatalf("record %d: %s v%d at %d, want %s v%d at %d", i, r.Stream, r.Version, r.Position, want[i].stream, want[i].version, i+1)
		}
		if event.Chain(prev, r) != r.Hash {
			t.Fatalf("record %d does not chain", i)
		}
		if r.Metadata.OccurredAt.Location() != time.UTC || r.Metadata.OccurredAt.Nanosecond()%1000 != 0 {
			t.Fatalf("record %d: occurred_at %v not normalised", i, r.Metadata.OccurredAt)
		}
		prev = r.Hash
	}
	if got := x.from("a", 2); len(got) != 2 || got[0] != 2 || got[1] != 4 {
		t.Fatalf("positions of a from v2: %v, want [2 4]", got)
	}
	if got := x.from("a", 9); got != nil {
		t.Fatalf("positions of a from v9: %v, want none", got)
	}
}

func TestPlanRefusals(t *testing.T) {
	x := newIndex()
	old := pend(1)
	commit(t, x, event.Write{Stream: "s", Expected: event.NoStream, Events: []event.Pending{old}})
	cases := []struct {
		name string
		ws   []event.Write
		want error
	}{
		{"WrongVersion", []event.Write{{Stream: "s", Expected: event.Exact(2), Events: []event.Pending{pend(2)}}}, event.ErrConcurrency},
		{"NoStreamOnExisting", []event.Write{{Stream: "s", Expected: event.NoStream, Events: []event.Pending{pend(2)}}}, event.ErrConcurrency},
		{"MixedRepeat", []event.Write{{Stream: "s", Expected: event.Any, Events: []event.Pending{old, pend(2)}}}, event.ErrDuplicateID},
		{"MixedAcrossStreams", []event.Write{{Stream: "s", Expected: event.Any, Events: []event.Pending{old}}, {Stream: "t", Expected: event.Any, Events: []event.Pending{pend(3)}}}, event.ErrDuplicateID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := x.plan(tc.ws, nil, time.Now()); !errors.Is(err, tc.want) {
				t.Fatalf("plan: %v, want %v", err, tc.want)
			}
		})
	}
	var ce *event.ConcurrencyError
	_, err := x.plan([]event.Write{{Stream: "s", Expected: event.Exact(5), Events: []event.Pending{pend(2)}}}, nil, time.Now())
	if !errors.As(err, &ce) || ce.Stream != "s" || ce.Actual != 1 {
		t.Fatalf("plan: %v, want a ConcurrencyError on s at 1", err)
	}
	// A pure repeat, whatever its expected version, is a retry of position 1.
	d, err := x.plan([]event.Write{{Stream: "s", Expected: event.NoStream, Events: []event.Pending{old}}}, nil, time.Now())
	if err != nil || len(d.stored) != 1 || d.stored[0] != 1 || d.records != nil {
		t.Fatalf("retry: %+v, %v; want stored [1]", d, err)
	}
}

func TestAddRefusesABrokenLog(t *testing.T) {
	x := newIndex()
	recs := commit(t, newIndex(), event.Write{Stream: "s", Expected: event.Any, Events: []event.Pending{pend(1), pend(2)}})
	if err := x.add(recs[1]); err == nil {
		t.Fatal("add accepted position 2 first")
	}
	tampered := recs[0]
	tampered.Data = json.RawMessage(`{"n": 9}`)
	if err := x.add(tampered); err == nil {
		t.Fatal("add accepted a record whose hash does not match")
	}
}

func TestCodecRoundTrip(t *testing.T) {
	recs := commit(t, newIndex(), event.Write{Stream: "lot/α 1", Expected: event.Any, Events: []event.Pending{pend(1)}})
	r := recs[0]
	r.Data = json.RawMessage("{ \"z\": 1,\n\t\"a\": \"\\u00e9\" }")
	d, err := encode(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.EventID != recordID(r) || d.EventID == r.ID {
		t.Fatalf("KurrentDB event id %s: want the one derived from the hash", d.EventID)
	}
	got, err := decode(&esdb.RecordedEvent{EventType: d.EventType, EventNumber: r.Position - 1, Data: d.Data, UserMetadata: d.Metadata})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != r.ID || got.Stream != r.Stream || got.Version != r.Version || got.Position != r.Position || got.Type != r.Type ||
		string(got.Data) != string(r.Data) || got.Hash != r.Hash || !got.Metadata.OccurredAt.Equal(r.Metadata.OccurredAt) ||
		!got.Metadata.RecordedAt.Equal(r.Metadata.RecordedAt) || got.Metadata.ActorUSCC != r.Metadata.ActorUSCC {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, r)
	}
	if _, err := decode(&esdb.RecordedEvent{EventType: d.EventType, EventNumber: r.Position, Data: d.Data, UserMetadata: d.Metadata}); err == nil {
		t.Fatal("decode accepted a record at another revision than its position")
	}
}

func TestExpectedRevision(t *testing.T) {
	if _, ok := expectedRevision(0).(esdb.NoStream); !ok {
		t.Fatalf("empty ledger: %#v, want NoStream", expectedRevision(0))
	}
	if r, ok := expectedRevision(5).(esdb.StreamRevision); !ok || r.Value != 4 {
		t.Fatalf("head 5: %#v, want revision 4", expectedRevision(5))
	}
	if got := runs([]uint64{1, 2, 3, 7, 9, 10}); fmt.Sprint(got) != "[[1 3] [7 7] [9 10]]" {
		t.Fatalf("runs: %v", got)
	}
}
