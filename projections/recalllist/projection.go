// Package recalllist is the recall list read model (召回清单): for every
// recall, every holder of units of the recalled batches with what it has in
// stock, on its way, sold, returned and destroyed; the deadlines; progress;
// and status. It folds only the recalls themselves: where units are comes
// from the trace model's tallies at query time (Units), so the unit fold is
// written once and the list moves as units move after the recall starts.
package recalllist

import (
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// Units answers where each holder's units of a batch are now, counted as
// batch.Tallies counts them; *trace.Projection implements it.
type Units interface {
	Tallies(gtin, lot string) ([]batch.Tally, bool)
}

// Directory gives an enterprise's name and contact at query time; the
// directory model implements it (ok is false for an unknown USCC).
type Directory interface {
	Enterprise(uscc string) (name, contact string, ok bool)
}

// Recall is what the model keeps of one recall.
type Recall struct {
	ID          string            `json:"id"`
	Level       int               `json:"level"`
	Reason      string            `json:"reason"`
	InitiatedBy string            `json:"initiated_by"`
	Batches     []recall.BatchKey `json:"batches"`
	StartedAt   int64             `json:"started_at"`
	StartBy     string            `json:"start_by"`
	CompleteBy  string            `json:"complete_by"`
	Closed      bool              `json:"closed,omitempty"`
	ClosedAt    int64             `json:"closed_at,omitempty"`
	// FirstReturnAt is when the first unit was returned or destroyed (0:
	// none yet); Returns counts return events.
	FirstReturnAt int64 `json:"first_return_at,omitempty"`
	Returns       int   `json:"returns,omitempty"`
	// Notified is when each holder was sent the recall notice, from the
	// recall.HolderNotified events of the notice streams.
	Notified map[string]int64 `json:"notified,omitempty"`
}

type state struct {
	Recalls map[string]*Recall `json:"recalls"`
}

// Projection is the recall list model.
type Projection struct {
	units Units
	mu    sync.RWMutex
	s     state
}

var _ runner.Projection = (*Projection)(nil)

// New returns an empty model reading unit tallies from units.
func New(units Units) *Projection {
	return &Projection{units: units, s: state{Recalls: map[string]*Recall{}}}
}

// Name names the snapshot file and the metrics label.
func (p *Projection) Name() string { return "recalllist" }

// Version is the snapshot layout's version.
func (p *Projection) Version() int { return 1 }

// Reset empties the model for a rebuild.
func (p *Projection) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.s = state{Recalls: map[string]*Recall{}}
}

// Snapshot writes the model as JSON (map keys sorted: deterministic).
func (p *Projection) Snapshot(w io.Writer) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if err := json.NewEncoder(w).Encode(&p.s); err != nil {
		return fmt.Errorf("recall list snapshot: %w", err)
	}
	return nil
}

// Restore reads a snapshot back.
func (p *Projection) Restore(r io.Reader) error {
	var s state
	if err := json.NewDecoder(r).Decode(&s); err != nil {
		return fmt.Errorf("recall list restore: %w", err)
	}
	if s.Recalls == nil {
		s.Recalls = map[string]*Recall{}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.s = s
	return nil
}
