package trace

// SharesGoods reports whether enterprises a and b both own, held or hold
// units of one batch: trading partners, who may read each other's
// registration.
func (p *Projection) SharesGoods(a, b string) bool {
	p.RLock()
	defer p.RUnlock()
	ha, okA := p.State().Holders.Lookup(a)
	hb, okB := p.State().Holders.Lookup(b)
	for _, bt := range p.State().Batches {
		if (bt.Owner == a || (okA && bt.Units.Involved(ha))) && (bt.Owner == b || (okB && bt.Units.Involved(hb))) {
			return true
		}
	}
	return false
}
