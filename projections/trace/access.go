package trace

// Involved reports whether an enterprise held or holds units of the batch
// (it owns it, or units were labelled, sent, received, sold or returned by
// it): an enterprise reads only the traces of goods it handled.
func (p *Projection) Involved(gtin, lot, uscc string) bool {
	p.RLock()
	defer p.RUnlock()
	b := p.batch(gtin, lot)
	if b == nil {
		return false
	}
	if b.Owner == uscc {
		return true
	}
	h, ok := p.State().Holders.Lookup(uscc)
	return ok && b.Units.Involved(h)
}

// Exists reports whether the batch is registered.
func (p *Projection) Exists(gtin, lot string) bool {
	p.RLock()
	defer p.RUnlock()
	return p.batch(gtin, lot) != nil
}
