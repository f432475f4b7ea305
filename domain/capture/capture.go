// Package capture records what EPCIS capture took in: each captured EPCIS
// event once, by its CBV 2.0 event hash id (the stream is named by the
// hash, so the same event captured twice, in XML or JSON-LD, with EPC URNs
// or Digital Links, finds its stream already written), and each capture
// job that appended something. The record holds the event as captured
// (normalised JSON-LD), the ledger command it became, if any, and the ids
// of the domain events that command raised, so that an EPCIS reader of the
// log meets the original before the events it caused.
package capture

import (
	"strings"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
)

// Event type names, written by hand and versioned.
const (
	TypeEventCaptured = "epcis.event_captured.v1"
	TypeJobRecorded   = "epcis.capture_job_recorded.v1"
)

// BizTransaction is one entry of an event's bizTransactionList.
type BizTransaction struct {
	Type  string `json:"type,omitempty"`
	Value string `json:"value"`
}

// EventCaptured is one EPCIS event the ledger captured.
type EventCaptured struct {
	// HashID is the event's CBV 2.0 hash id (ni:///sha-256;...?ver=CBV2.0).
	HashID string `json:"hash_id"`
	// EventID is the document's own eventID, when it gave one.
	EventID string `json:"event_id,omitempty"`
	JobID   string `json:"job_id"`
	// Kind is the EPCIS event type (ObjectEvent, AggregationEvent...).
	Kind        string `json:"event_type"`
	EventTime   string `json:"event_time"`
	Action      string `json:"action,omitempty"`
	BizStep     string `json:"biz_step,omitempty"`
	Disposition string `json:"disposition,omitempty"`
	// EPCs are the identifiers the event names (EPC lists, parent, input
	// and output, quantity classes) as written in the document.
	EPCs []string `json:"epcs,omitempty"`
	// Items are the label codes (/01/../10/../21/..) of EPCs the ledger
	// knows as items: the histories of those items list the event.
	Items []string `json:"items,omitempty"`
	// Batches are the batches ("gtin/lot") the event concerns.
	Batches []string `json:"batches,omitempty"`
	// Enterprises are the USCCs the event's locations and parties resolve
	// to (GLN registry), the acting one first.
	Enterprises []string `json:"enterprises"`
	// Command is the ledger command the event became ("" when it maps to
	// none and is only recorded).
	Command string `json:"command,omitempty"`
	// DomainEvents are the ids of the events that command raised, in the
	// same append.
	DomainEvents    []string         `json:"domain_events,omitempty"`
	BizTransactions []BizTransaction `json:"biz_transactions,omitempty"`
	// DeclarationNo is the customs declaration a bizTransaction or an
	// extension named.
	DeclarationNo string `json:"declaration_no,omitempty"`
	// Document is the event as captured, normalised JSON-LD (a JSON text:
	// the ledger keeps it as it was normalised, byte for byte).
	Document string `json:"document"`
	// SensorElements is the event's sensorElementList as captured (a JSON
	// text, "" when none).
	SensorElements string `json:"sensor_elements,omitempty"`
}

// EventType names the event.
func (EventCaptured) EventType() string { return TypeEventCaptured }

// JobResult is one event's outcome in a job.
type JobResult struct {
	Index   int    `json:"index"`
	HashID  string `json:"hash_id"`
	Outcome string `json:"outcome"` // captured | already_captured
	Command string `json:"command,omitempty"`
}

// JobRecorded is a capture job that appended its document's events, kept in
// the same append so that the job survives whatever the log survives.
type JobRecorded struct {
	JobID      string      `json:"job_id"`
	ActorUSCC  string      `json:"actor_uscc,omitempty"`
	ActorRole  string      `json:"actor_role"`
	Format     string      `json:"format"`
	ReceivedAt string      `json:"received_at"`
	Results    []JobResult `json:"results"`
}

// EventType names the event.
func (JobRecorded) EventType() string { return TypeJobRecorded }

// Decoders decode the stored events of this aggregate.
var Decoders = aggregate.Decoders{
	TypeEventCaptured: aggregate.As[EventCaptured](),
	TypeJobRecorded:   aggregate.As[JobRecorded](),
}

// Stream is a captured event's stream, named by the hex digest of its hash
// id.
func Stream(hashID string) string {
	hex := strings.TrimPrefix(hashID, "ni:///sha-256;")
	hex, _, _ = strings.Cut(hex, "?")
	return "epcis-" + hex
}

// JobStream is a capture job's stream.
func JobStream(jobID string) string { return "epcis-job-" + jobID }

// Record is one captured event's stream (or one job's).
type Record struct {
	aggregate.Root
	captured bool
}

// Load rebuilds a record from its stream.
func Load(recs []event.Record) (*Record, error) {
	r := &Record{}
	return r, aggregate.Replay("capture", recs, Decoders, &r.Root, r.apply)
}

func (r *Record) apply(event.Event) { r.captured = true }

// Captured reports whether the stream holds its record already: the same
// event was captured before.
func (r *Record) Captured() bool { return r.captured }

// Capture records a captured event, once.
func (r *Record) Capture(ev EventCaptured) error {
	if r.captured {
		return domain.Conflict("event_was_already_captured", "event %s was already captured", ev.HashID)
	}
	if len(ev.Document) == 0 {
		return domain.Invalid("document", "required", "is required")
	}
	r.Raise(ev, r.apply)
	return nil
}

// RecordJob records a job that appended.
func (r *Record) RecordJob(j JobRecorded) error {
	if r.captured {
		return domain.Conflict("job_already_recorded", "job %s is already recorded", j.JobID)
	}
	r.Raise(j, r.apply)
	return nil
}
