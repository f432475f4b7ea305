package trace

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/traceledger/traceledger/projections/runner"
)

// Projection is the trace read model. It implements runner.Projection; its
// queries take the read lock and may run beside Apply.
type Projection struct {
	mu sync.RWMutex
	s  state
	// lots indexes the lots of each GTIN, for item codes without a lot
	// (SGTIN URIs); rebuilt on restore.
	lots map[string][]string
}

var _ runner.Projection = (*Projection)(nil)

// New returns an empty trace model.
func New() *Projection {
	p := &Projection{}
	p.Reset()
	return p
}

// Name names the snapshot file and the metrics label.
func (p *Projection) Name() string { return "trace" }

// Version is the snapshot layout's version: bump it when state changes.
func (p *Projection) Version() int { return 1 }

// Reset empties the model for a rebuild.
func (p *Projection) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.s = newState()
	p.lots = map[string][]string{}
}

// Apply folds a batch of envelopes under one write lock.
func (p *Projection) Apply(batch []runner.Envelope) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range batch {
		p.apply(&batch[i])
	}
	return nil
}

// Snapshot writes the model as JSON (map keys sorted: deterministic).
func (p *Projection) Snapshot(w io.Writer) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if err := json.NewEncoder(w).Encode(&p.s); err != nil {
		return fmt.Errorf("trace snapshot: %w", err)
	}
	return nil
}

// Restore reads a snapshot back and rebuilds the indexes.
func (p *Projection) Restore(r io.Reader) error {
	s := newState()
	if err := json.NewDecoder(r).Decode(&s); err != nil {
		return fmt.Errorf("trace restore: %w", err)
	}
	if s.Holders == nil || s.Batches == nil || s.Declarations == nil {
		return fmt.Errorf("trace restore: snapshot misses holders, batches or declarations")
	}
	lots := map[string][]string{}
	for _, b := range s.Batches {
		if b.Units == nil {
			return fmt.Errorf("trace restore: batch %s/%s has no units", b.GTIN, b.Lot)
		}
		b.Units.Reindex()
		lots[b.GTIN] = append(lots[b.GTIN], b.Lot)
	}
	for _, l := range lots {
		slices.Sort(l)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.s, p.lots = s, lots
	return nil
}
