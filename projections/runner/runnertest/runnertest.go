// Package runnertest helps the read models' tests: events wrapped as the
// runner hands them over, a fold that fails the test on an error, and the
// snapshot round trip every model must survive unchanged.
package runnertest

import (
	"bytes"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

// Envelopes wraps evs as consecutive records from position 1, the first
// occurring at start and each next one an hour later.
func Envelopes(start time.Time, evs ...event.Event) []runner.Envelope {
	out := make([]runner.Envelope, len(evs))
	for i, ev := range evs {
		out[i] = runner.Envelope{Record: event.Record{Position: uint64(i + 1), Type: ev.EventType(),
			Metadata: event.Metadata{OccurredAt: start.Add(time.Duration(i) * time.Hour)}}, Event: ev}
	}
	return out
}

// Fold applies envs to p in one batch and answers p.
func Fold[P runner.Projection](t testing.TB, p P, envs []runner.Envelope) P {
	t.Helper()
	if err := p.Apply(envs); err != nil {
		t.Fatal(err)
	}
	return p
}

// RoundTrip snapshots p, restores the snapshot into the empty model q and
// snapshots q again: both snapshots must be the same bytes. It answers q.
func RoundTrip[P runner.Projection](t testing.TB, p, q P) P {
	t.Helper()
	var first, second bytes.Buffer
	if err := p.Snapshot(&first); err != nil {
		t.Fatal(err)
	}
	if err := q.Restore(bytes.NewReader(first.Bytes())); err != nil {
		t.Fatal(err)
	}
	if err := q.Snapshot(&second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("snapshot after restore differs:\n%s\n----\n%s", first.Bytes(), second.Bytes())
	}
	return q
}
