// Package recall is the recall aggregate (召回): a recall of one or more
// batches at a level that sets its start and completion deadlines, closed when
// every affected unit is accounted for.
package recall

// Event type names, written by hand and versioned.
const (
	TypeStarted = "recall.started.v1"
	TypeClosed  = "recall.closed.v1"
)

// BatchKey names a recalled batch.
type BatchKey struct {
	GTIN string `json:"gtin"`
	Lot  string `json:"lot"`
}

// Started: a recall began. Deadlines are RFC 3339 times.
type Started struct {
	RecallID        string     `json:"recall_id"`
	Batches         []BatchKey `json:"batches"`
	Level           int        `json:"level"`
	Reason          string     `json:"reason"`
	InitiatedByUSCC string     `json:"initiated_by_uscc"`
	StartBy         string     `json:"start_by"`
	CompleteBy      string     `json:"complete_by"`
}

// Closed: every affected unit is accounted for.
type Closed struct {
	RecallID string `json:"recall_id"`
}

// EventType names the event.
func (Started) EventType() string { return TypeStarted }

// EventType names the event.
func (Closed) EventType() string { return TypeClosed }
