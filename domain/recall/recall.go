package recall

import (
	"fmt"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
)

// Recall is one recall.
type Recall struct {
	aggregate.Root
	s      Started
	closed bool
}

// Stream is the recall's stream name.
func Stream(id string) string { return "recall-" + id }

// Decoders decode the stored events of this aggregate, for its fold and for
// projections.
var Decoders = aggregate.Decoders{
	TypeStarted: aggregate.As[Started](),
	TypeClosed:  aggregate.As[Closed](),
}

// Load rebuilds a recall from its stream.
func Load(recs []event.Record) (*Recall, error) {
	r := &Recall{}
	return r, aggregate.Replay("recall", recs, Decoders, &r.Root, r.apply)
}

// Start begins the recall at time at, setting its deadlines from the level.
func (r *Recall) Start(id string, batches []BatchKey, level Level, reason, initiatedBy string, at time.Time) error {
	if r.Exists() {
		return domain.Conflict("recall %s already exists", id)
	}
	if len(batches) == 0 {
		return domain.Invalid("batches", "at least one batch is required")
	}
	seen := make(map[BatchKey]bool, len(batches))
	for i, k := range batches {
		if seen[k] {
			return domain.Invalid(fmt.Sprintf("batches[%d]", i), "batch given twice")
		}
		seen[k] = true
	}
	if strings.TrimSpace(reason) == "" {
		return domain.Invalid("reason", "is required")
	}
	startBy, completeBy := level.Deadlines(at)
	r.Raise(Started{RecallID: id, Batches: batches, Level: int(level), Reason: reason, InitiatedByUSCC: initiatedBy,
		StartBy: startBy.Format(time.RFC3339), CompleteBy: completeBy.Format(time.RFC3339)}, r.apply)
	return nil
}

// Close closes the recall, by a regulator or the initiating enterprise;
// outstanding is the count of affected units still in stock or in transit,
// which must be zero.
func (r *Recall) Close(by access.Actor, outstanding int64) error {
	// Whoever may not close it is answered as if it did not exist: the
	// answer names nobody's data.
	if !r.Exists() || by.ActsFor(r.s.InitiatedByUSCC, "id") != nil {
		return domain.NotFound("id", "recall is not known")
	}
	if r.closed {
		return domain.Conflict("recall %s is already closed", r.s.RecallID)
	}
	if outstanding > 0 {
		return domain.Conflict("recall %s still has %d units unaccounted for", r.s.RecallID, outstanding)
	}
	r.Raise(Closed{RecallID: r.s.RecallID}, r.apply)
	return nil
}

// SoleBatch is the batch a returned quantity that names none belongs to:
// the recall's only batch.
func (r *Recall) SoleBatch() (BatchKey, error) {
	if !r.Exists() {
		return BatchKey{}, domain.NotFound("id", "recall is not known")
	}
	if len(r.s.Batches) != 1 {
		return BatchKey{}, domain.Invalid("gtin", "the recall covers %d batches: name the batch (gtin and lot) of the quantity", len(r.s.Batches))
	}
	return r.s.Batches[0], nil
}

// AcceptReturn refuses returns under a recall that is not known or is
// closed: a closed recall's tallies are final.
func (r *Recall) AcceptReturn() error {
	if !r.Exists() {
		return domain.NotFound("id", "recall is not known")
	}
	if r.closed {
		return domain.Conflict("recall %s is closed", r.s.RecallID)
	}
	return nil
}

func (r *Recall) apply(ev event.Event) {
	switch ev := ev.(type) {
	case Started:
		r.s = ev
	case Closed:
		r.closed = true
	}
}

// Exists reports whether the recall started.
func (r *Recall) Exists() bool { return r.s.RecallID != "" }

// Closed reports whether the recall is closed.
func (r *Recall) Closed() bool { return r.closed }

// Batches are the recalled batches.
func (r *Recall) Batches() []BatchKey { return r.s.Batches }

// InitiatedBy is the enterprise that recalls (may be empty for a regulator's
// order).
func (r *Recall) InitiatedBy() string { return r.s.InitiatedByUSCC }
