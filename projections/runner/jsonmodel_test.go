package runner_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

type counts struct {
	Types map[string]int `json:"types"`
}

type counter struct{ runner.JSONModel[counts] }

func newCounter() *counter {
	c := &counter{}
	c.JSONModel = runner.NewJSONModel("counter", func() *counts { return &counts{Types: map[string]int{}} },
		func(env *runner.Envelope) { c.State().Types[env.Type]++ })
	return c
}

func TestJSONModelFoldsKnownEventsAndRestoresItsSnapshot(t *testing.T) {
	c := newCounter()
	known := runner.Envelope{Record: event.Record{Type: recall.TypeClosed}, Event: recall.Closed{RecallID: "r1"}}
	unknown := runner.Envelope{Record: event.Record{Type: "later.type.v9"}}
	if err := c.Apply([]runner.Envelope{known, unknown, known}); err != nil {
		t.Fatal(err)
	}
	var a bytes.Buffer
	if err := c.Snapshot(&a); err != nil {
		t.Fatal(err)
	}
	if got, want := a.String(), `{"types":{"recall.closed.v1":2}}`; got != want {
		t.Fatalf("snapshot %s, want %s", got, want)
	}
	back := newCounter()
	if err := back.Restore(bytes.NewReader(a.Bytes())); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	back.Snapshot(&b)
	if a.String() != b.String() {
		t.Fatalf("restored snapshot %s, want %s", b.String(), a.String())
	}
	back.Reset()
	if n := len(back.State().Types); n != 0 {
		t.Fatalf("reset left %d types", n)
	}
}

func TestJSONModelRestoresANullMapAsEmpty(t *testing.T) {
	c := newCounter()
	if err := c.Restore(strings.NewReader(`{"types":null}`)); err != nil {
		t.Fatal(err)
	}
	known := runner.Envelope{Record: event.Record{Type: recall.TypeClosed}, Event: recall.Closed{}}
	if err := c.Apply([]runner.Envelope{known}); err != nil {
		t.Fatal(err)
	}
	if c.State().Types[recall.TypeClosed] != 1 {
		t.Fatalf("state after restore and apply: %+v", c.State())
	}
}
