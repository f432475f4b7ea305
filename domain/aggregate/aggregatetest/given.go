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

// Case is one given/when/then case of an aggregate A: given past events,
// when a behaviour runs, it refuses with wantErr (by errors.Is) or raises
// exactly want.
type Case[A Changer] struct {
	name    string
	given   []event.Event
	when    func(A) error
	wantErr error
	want    []event.Event
}

// When makes a Case.
func When[A Changer](name string, given []event.Event, when func(A) error, wantErr error, want []event.Event) Case[A] {
	return Case[A]{name: name, given: given, when: when, wantErr: wantErr, want: want}
}

// Run runs each case as a subtest on the aggregate that load folds from the
// case's given events on stream.
func Run[A Changer](t *testing.T, load func([]event.Record) (A, error), stream string, cases []Case[A]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := Loaded(t, load, stream, c.given...)
			Then(t, a, c.when(a), c.wantErr, c.want...)
		})
	}
}
