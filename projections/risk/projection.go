// Package risk grades enterprises' credit (诚信评级) from events alone: four
// classes, 1 (most trusted) to 4 (dishonest: blacklisted). The fold collects
// each enterprise's features (complaints, inspections, customs, recalls,
// penalties, certificate lapses, serious violations) without a clock; a
// query turns them into factors, a score and a grade at a given time, where
// only the time-dependent factors (recall deadlines, certificate expiry) use
// that time. The weights and thresholds are grading.json; docs/grading.md
// defines every factor.
package risk

import (
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/traceledger/traceledger/projections/runner"
)

// layoutVersion versions the snapshot's state layout; Version combines it
// with grading.json's version, whose serious-violation rules the fold uses.
const layoutVersion = 1

// Projection is the credit grade read model. It implements
// runner.Projection.
type Projection struct {
	cfg Config

	mu sync.RWMutex
	s  *state
}

var _ runner.Projection = (*Projection)(nil)

// New builds the projection with the embedded grading.json.
func New() *Projection { return NewWithConfig(Embedded()) }

// NewWithConfig builds the projection with another grading configuration,
// for tests and for trying a scheme on a copy of the log.
func NewWithConfig(c Config) *Projection { return &Projection{cfg: c, s: newState()} }

// Config is the grading configuration in use.
func (p *Projection) Config() Config { return p.cfg }

// Name names the snapshot file and metrics label.
func (p *Projection) Name() string { return "risk" }

// Version changes when the state layout or the serious-violation rules
// change, so that an older snapshot is discarded and the model rebuilt.
func (p *Projection) Version() int { return layoutVersion*1000 + p.cfg.Version }

// Reset empties the model.
func (p *Projection) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.s = newState()
}

// Apply folds a batch of envelopes in log order under one write lock.
func (p *Projection) Apply(batch []runner.Envelope) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range batch {
		if batch[i].Event == nil {
			continue
		}
		p.apply(&batch[i])
	}
	return nil
}

// Snapshot writes the state as JSON: maps with sorted keys, slices in log
// order, so the same state always gives the same bytes.
func (p *Projection) Snapshot(w io.Writer) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if err := runner.WriteJSON(w, p.s); err != nil {
		return fmt.Errorf("risk snapshot: %w", err)
	}
	return nil
}

// Restore reads a snapshot written by Snapshot.
func (p *Projection) Restore(r io.Reader) error {
	s := newState()
	if err := json.NewDecoder(r).Decode(s); err != nil {
		return fmt.Errorf("risk restore: %w", err)
	}
	s.fill()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.s = s
	return nil
}
