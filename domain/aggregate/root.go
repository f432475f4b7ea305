// Package aggregate holds what every aggregate shares: the version it was
// loaded at and the events it raised since. Aggregates embed Root; their
// behaviour methods check invariants, then Raise an event, which a private
// apply folds into state and never fails.
package aggregate

import (
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

// Root tracks an aggregate's stream version and its uncommitted events.
type Root struct {
	version      uint64
	changes      []event.Event
	lastOccurred time.Time
}

// LastOccurredAt is the latest occurred_at of the aggregate's stored
// events: a command on it may not claim to have happened earlier.
func (r *Root) LastOccurredAt() time.Time { return r.lastOccurred }

func (r *Root) occurred(t time.Time) {
	if t.After(r.lastOccurred) {
		r.lastOccurred = t
	}
}

// Version is the stream version the aggregate was loaded at: the expected
// version for appending its changes.
func (r *Root) Version() uint64 { return r.version }

// Changes are the events raised since the aggregate was loaded or committed.
func (r *Root) Changes() []event.Event { return r.changes }

// Raise records e as a change and folds it into state with apply.
func (r *Root) Raise(e event.Event, apply func(event.Event)) {
	apply(e)
	r.changes = append(r.changes, e)
}

// Replayed folds a stored event into state during a load.
func (r *Root) Replayed(rec event.Record, e event.Event, apply func(event.Event)) {
	apply(e)
	r.version = rec.Version
	r.occurred(rec.Metadata.OccurredAt)
}

// Committed marks the changes as stored, recorded as having occurred at
// occurredAt: the version moves past them.
func (r *Root) Committed(occurredAt time.Time) {
	r.version += uint64(len(r.changes))
	r.changes = nil
	r.occurred(occurredAt)
}

// Unknown is the error for a stored event type an aggregate does not know:
// a log written by a newer version of the ledger.
func Unknown(aggregate string, rec event.Record) error {
	return fmt.Errorf("%s: unknown event type %q at position %d", aggregate, rec.Type, rec.Position)
}
