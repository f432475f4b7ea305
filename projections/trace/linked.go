package trace

import (
	"fmt"

	"github.com/traceledger/traceledger/domain/batch"
)

// Linked lists the batches transformations link to batch gtin/lot: those
// made from its units, or (upstream) those it was made from, in the order
// they were recorded. A trace answered from a fold of only some batches'
// events (the ClickHouse read side) reads it to know which batches the
// trace's walk needs folded too. A failed read is an error, never a
// batch without links.
func (p *Projection) Linked(gtin, lot string, upstream bool) ([]batch.Ref, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b, err := p.batch(gtin, lot)
	if err != nil {
		return nil, fmt.Errorf("trace model: batch %s/%s: %w", gtin, lot, err)
	}
	if b == nil {
		return nil, nil
	}
	edges := b.MadeInto
	if upstream {
		edges = b.MadeFrom
	}
	out := make([]batch.Ref, len(edges))
	for i, m := range edges {
		out[i] = batch.Ref{GTIN: m.GTIN, Lot: m.Lot}
	}
	return out, nil
}
