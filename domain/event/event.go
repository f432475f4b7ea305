// Package event holds the ledger's event envelope, the event store port and the
// hash chain that makes the log tamper-evident. Aggregates raise Events; the
// store keeps Records.
package event

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// Event is a domain event: a flat struct whose stable, versioned type name is
// written by hand (for example "certificate.issued.v1"), never derived from the
// Go type, so that renaming a struct can never break a replay.
type Event interface {
	EventType() string
}

// Metadata travels with every event: who recorded it, in answer to what, and when.
// RecordedAt is set by the store at commit; OccurredAt by the caller.
type Metadata struct {
	ActorUSCC     string    `json:"actor_uscc,omitempty"`
	ActorRole     string    `json:"actor_role,omitempty"`
	CorrelationID string    `json:"correlation_id,omitempty"`
	CausationID   string    `json:"causation_id,omitempty"`
	OccurredAt    time.Time `json:"occurred_at"`
	RecordedAt    time.Time `json:"recorded_at"`
}

// Pending is an event on its way into the store. ID is chosen by the caller, so
// a retried append of the same event is written once.
type Pending struct {
	ID       uuid.UUID
	Type     string
	Data     json.RawMessage
	Metadata Metadata
}

// Record is an event as the store keeps it. Version counts the events of its
// stream from 1; Position counts the events of the whole log from 1. Hash is
// SHA-256 over the record's canonical bytes chained to the previous record's
// hash (see Chain).
type Record struct {
	ID       uuid.UUID
	Stream   string
	Version  uint64
	Position uint64
	Type     string
	Data     json.RawMessage
	Metadata Metadata
	Hash     [32]byte
}

// NewPending marshals e into a Pending with the given id and metadata.
func NewPending(id uuid.UUID, e Event, md Metadata) (Pending, error) {
	data, err := json.Marshal(e)
	if err != nil {
		return Pending{}, err
	}
	return Pending{ID: id, Type: e.EventType(), Data: data, Metadata: md}, nil
}
