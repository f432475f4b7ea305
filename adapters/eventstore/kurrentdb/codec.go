package kurrentdb

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/event"
)

// idSpace is the UUIDv5 namespace of KurrentDB event ids (see recordID).
var idSpace = uuid.MustParse("5b0f3c52-6f1e-4c0a-9a57-8f1f7a3c2d11")

// meta is what a KurrentDB event's metadata holds: everything of the ledger
// record that is not its type and data. Times are in event.FormatTime so a
// record reads back byte for byte and its hash checks.
type meta struct {
	EventID       string `json:"event_id"`
	Stream        string `json:"stream"`
	Version       uint64 `json:"version"`
	Position      uint64 `json:"position"`
	Hash          string `json:"hash"`
	ActorUSCC     string `json:"actor_uscc,omitempty"`
	ActorRole     string `json:"actor_role,omitempty"`
	CorrelationID string `json:"correlation_id,omitempty"`
	CausationID   string `json:"causation_id,omitempty"`
	OccurredAt    string `json:"occurred_at"`
	RecordedAt    string `json:"recorded_at"`
	// Key is the idempotency key of the append, on its first record only:
	// every process folding the log learns it with the events.
	Key *keyMeta `json:"idempotency,omitempty"`
}

// keyMeta is an idempotency key as the first record of its append carries
// it: Count is how many records the append wrote, from that record on.
type keyMeta struct {
	Scope       string          `json:"scope"`
	Key         string          `json:"key"`
	RequestHash string          `json:"request_hash"`
	Result      json.RawMessage `json:"result,omitempty"`
	Count       int             `json:"count"`
}

// recordID is the KurrentDB event id of a record: derived from its hash, so
// KurrentDB's de-duplication of a repeated append only ever skips the very
// same record (see the package doc).
func recordID(r event.Record) uuid.UUID { return uuid.NewSHA1(idSpace, r.Hash[:]) }

// encode turns a ledger record into the KurrentDB event that stores it; k,
// when set, is the idempotency key the record's append records.
func encode(r event.Record, k *keyMeta) (esdb.EventData, error) {
	m := meta{
		EventID: r.ID.String(), Stream: r.Stream, Version: r.Version, Position: r.Position,
		Hash:      hex.EncodeToString(r.Hash[:]),
		ActorUSCC: r.Metadata.ActorUSCC, ActorRole: r.Metadata.ActorRole,
		CorrelationID: r.Metadata.CorrelationID, CausationID: r.Metadata.CausationID,
		OccurredAt: event.FormatTime(r.Metadata.OccurredAt), RecordedAt: event.FormatTime(r.Metadata.RecordedAt),
		Key: k,
	}
	b, err := json.Marshal(m)
	if err != nil {
		return esdb.EventData{}, fmt.Errorf("encode metadata of position %d: %w", r.Position, err)
	}
	return esdb.EventData{
		EventID: recordID(r), EventType: r.Type, ContentType: esdb.ContentTypeJson,
		Data: append([]byte(nil), r.Data...), Metadata: b,
	}, nil
}

// decode reads a ledger record back from a log event, checking that the
// position it claims is the one its log revision gives.
func decode(e *esdb.RecordedEvent) (event.Record, error) {
	r, _, err := decodeKeyed(e)
	return r, err
}

// decodeKeyed is decode that also returns the idempotency key the record
// carries, if any.
func decodeKeyed(e *esdb.RecordedEvent) (event.Record, *keyMeta, error) {
	var m meta
	if err := json.Unmarshal(e.UserMetadata, &m); err != nil {
		return event.Record{}, nil, fmt.Errorf("log revision %d: metadata: %w", e.EventNumber, err)
	}
	r, err := m.record(e)
	return r, m.Key, err
}

func (m meta) record(e *esdb.RecordedEvent) (event.Record, error) {
	if m.Position != e.EventNumber+1 {
		return event.Record{}, fmt.Errorf("log revision %d claims position %d, want %d", e.EventNumber, m.Position, e.EventNumber+1)
	}
	id, err := uuid.Parse(m.EventID)
	if err != nil {
		return event.Record{}, fmt.Errorf("position %d: event id: %w", m.Position, err)
	}
	r := event.Record{ID: id, Stream: m.Stream, Version: m.Version, Position: m.Position, Type: e.EventType,
		Data:     append(json.RawMessage(nil), e.Data...),
		Metadata: event.Metadata{ActorUSCC: m.ActorUSCC, ActorRole: m.ActorRole, CorrelationID: m.CorrelationID, CausationID: m.CausationID}}
	if r.Metadata.OccurredAt, err = event.ParseTime(m.OccurredAt); err != nil {
		return event.Record{}, fmt.Errorf("position %d: occurred_at: %w", m.Position, err)
	}
	if r.Metadata.RecordedAt, err = event.ParseTime(m.RecordedAt); err != nil {
		return event.Record{}, fmt.Errorf("position %d: recorded_at: %w", m.Position, err)
	}
	h, err := hex.DecodeString(m.Hash)
	if err != nil || len(h) != len(r.Hash) {
		return event.Record{}, fmt.Errorf("position %d: hash %q is not 32 hex bytes", m.Position, m.Hash)
	}
	copy(r.Hash[:], h)
	return r, nil
}

// systemEvent reports KurrentDB's own events ($metadata, links, ...), which
// are never ledger records.
func systemEvent(e *esdb.RecordedEvent) bool { return strings.HasPrefix(e.EventType, "$") }
