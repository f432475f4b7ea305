// Package aggregatetest writes given/when/then tests of aggregates: given
// these past events, when a behaviour runs, then it raises these events or
// refuses with this error.
package aggregatetest

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/traceledger/traceledger/domain/event"
)

// Given turns past events into the stored records a Load folds, through the
// same JSON round trip the store imposes.
func Given(t testing.TB, stream string, events ...event.Event) []event.Record {
	t.Helper()
	recs := make([]event.Record, len(events))
	for i, e := range events {
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatalf("given %T: %v", e, err)
		}
		recs[i] = event.Record{Stream: stream, Version: uint64(i + 1), Position: uint64(i + 1), Type: e.EventType(), Data: data}
	}
	return recs
}

// Changer is an aggregate that raised events.
type Changer interface{ Changes() []event.Event }

// Then checks the outcome of a behaviour: the error it returned must match
// wantErr by errors.Is (nil: no error), and the aggregate must have raised
// exactly want.
func Then(t testing.TB, agg Changer, err error, wantErr error, want ...event.Event) {
	t.Helper()
	switch {
	case wantErr == nil && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case wantErr != nil && !errors.Is(err, wantErr):
		t.Fatalf("error = %v, want %v", err, wantErr)
	}
	got := agg.Changes()
	if wantErr != nil {
		want = nil
	}
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("raised events differ\n got: %#v\nwant: %#v", got, want)
	}
}

// Loaded folds the given past events of stream into an aggregate with load
// (the aggregate package's Load), failing the test if it cannot.
func Loaded[A any](t testing.TB, load func([]event.Record) (A, error), stream string, events ...event.Event) A {
	t.Helper()
	a, err := load(Given(t, stream, events...))
	if err != nil {
		t.Fatal(err)
	}
	return a
}
