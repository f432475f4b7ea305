package event_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/event"
)

func record(pos uint64) event.Record {
	return event.Record{ID: uuid.MustParse("3f1c6c8e-8a43-4b59-9b2e-5d2a6f1f0001"), Stream: "batch-x", Version: 1, Position: pos,
		Type: "goods.sold.v1", Data: json.RawMessage(`{"a":1}`),
		Metadata: event.Metadata{ActorUSCC: "U", ActorRole: "enterprise", OccurredAt: time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC), RecordedAt: time.Date(2026, 1, 2, 3, 4, 6, 0, time.UTC)}}
}

func TestChainCoversEveryField(t *testing.T) {
	base := record(1)
	h := event.Chain([32]byte{}, base)
	mutations := map[string]func(r *event.Record){
		"position":    func(r *event.Record) { r.Position = 2 },
		"id":          func(r *event.Record) { r.ID = uuid.Nil },
		"stream":      func(r *event.Record) { r.Stream = "batch-y" },
		"version":     func(r *event.Record) { r.Version = 2 },
		"type":        func(r *event.Record) { r.Type = "goods.sold.v2" },
		"data":        func(r *event.Record) { r.Data = json.RawMessage(`{"a":2}`) },
		"actor":       func(r *event.Record) { r.Metadata.ActorUSCC = "V" },
		"role":        func(r *event.Record) { r.Metadata.ActorRole = "regulator" },
		"correlation": func(r *event.Record) { r.Metadata.CorrelationID = "c" },
		"causation":   func(r *event.Record) { r.Metadata.CausationID = "c" },
		"occurred_at": func(r *event.Record) { r.Metadata.OccurredAt = r.Metadata.OccurredAt.Add(time.Microsecond) },
		"recorded_at": func(r *event.Record) { r.Metadata.RecordedAt = r.Metadata.RecordedAt.Add(time.Microsecond) },
	}
	for name, mutate := range mutations {
		r := base
		mutate(&r)
		if event.Chain([32]byte{}, r) == h {
			t.Errorf("changing %s leaves the hash unchanged", name)
		}
	}
	if event.Chain([32]byte{1}, base) == h {
		t.Error("the previous hash does not enter the hash")
	}
	// Moving bytes between adjacent fields must change the hash.
	a, b := base, base
	a.Stream, a.Type = "ab", "c"
	b.Stream, b.Type = "a", "bc"
	if event.Chain([32]byte{}, a) == event.Chain([32]byte{}, b) {
		t.Error("field boundaries are ambiguous")
	}
}

func TestExpectedVersion(t *testing.T) {
	cases := []struct {
		e       event.ExpectedVersion
		current uint64
		ok      bool
	}{
		{event.Any, 0, true}, {event.Any, 7, true},
		{event.NoStream, 0, true}, {event.NoStream, 1, false},
		{event.Exact(3), 3, true}, {event.Exact(3), 2, false}, {event.Exact(0), 0, true},
	}
	for _, c := range cases {
		if got := c.e.Check(c.current); got != c.ok {
			t.Errorf("%s at %d: %v, want %v", c.e, c.current, got, c.ok)
		}
	}
	err := error(&event.ConcurrencyError{Stream: "s", Expected: event.Exact(1), Actual: 2})
	if !errors.Is(err, event.ErrConcurrency) {
		t.Error("ConcurrencyError is not ErrConcurrency")
	}
}

func TestValidate(t *testing.T) {
	ok := event.Pending{ID: uuid.New(), Type: "t.v1", Data: json.RawMessage(`{}`)}
	cases := map[string][]event.Write{
		"no writes":       nil,
		"no stream":       {{Events: []event.Pending{ok}}},
		"no events":       {{Stream: "s"}},
		"no id":           {{Stream: "s", Events: []event.Pending{{Type: "t", Data: json.RawMessage(`{}`)}}}},
		"no type":         {{Stream: "s", Events: []event.Pending{{ID: uuid.New(), Data: json.RawMessage(`{}`)}}}},
		"data not object": {{Stream: "s", Events: []event.Pending{{ID: uuid.New(), Type: "t", Data: json.RawMessage(`[1]`)}}}},
		"id twice":        {{Stream: "s", Events: []event.Pending{ok, ok}}},
		"stream twice":    {{Stream: "s", Events: []event.Pending{ok}}, {Stream: "s", Events: []event.Pending{{ID: uuid.New(), Type: "t", Data: json.RawMessage(`{}`)}}}},
	}
	for name, w := range cases {
		if err := event.Validate(w); !errors.Is(err, event.ErrInvalidAppend) {
			t.Errorf("%s: %v, want ErrInvalidAppend", name, err)
		}
	}
	if err := event.Validate([]event.Write{{Stream: "s", Events: []event.Pending{ok}}}); err != nil {
		t.Errorf("valid append refused: %v", err)
	}
}
