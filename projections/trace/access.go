package trace

import (
	"context"
	"fmt"
)

// Involved reports whether an enterprise held or holds units of the batch
// (it owns it, or units were labelled, sent, received, sold or returned by
// it): an enterprise reads only the traces of goods it handled.
// A failed read is an error, never "not involved".
func (p *Projection) Involved(_ context.Context, gtin, lot, uscc string) (bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b, err := p.batch(gtin, lot)
	if err != nil {
		return false, fmt.Errorf("trace model: batch %s/%s: %w", gtin, lot, err)
	}
	if b == nil {
		return false, nil
	}
	if b.Owner == uscc {
		return true, nil
	}
	h, ok := p.hs.lookup(uscc)
	if !ok {
		return false, nil
	}
	return p.involved(h, gtin, lot)
}

// Exists reports whether the batch is registered; a failed read is an
// error.
func (p *Projection) Exists(gtin, lot string) (bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b, err := p.batch(gtin, lot)
	return b != nil, err
}
