package trace

// Involved reports whether an enterprise held or holds units of the batch
// (it owns it, or units were labelled, sent, received, sold or returned by
// it): an enterprise reads only the traces of goods it handled.
func (p *Projection) Involved(gtin, lot, uscc string) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b, err := p.batch(gtin, lot)
	if err != nil || b == nil {
		return false
	}
	if b.Owner == uscc {
		return true
	}
	h, ok := p.hs.lookup(uscc)
	return ok && p.involved(h, gtin, lot)
}

// Exists reports whether the batch is registered.
func (p *Projection) Exists(gtin, lot string) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b, err := p.batch(gtin, lot)
	return err == nil && b != nil
}
