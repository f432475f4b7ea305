package trace

// SharesGoods reports whether enterprises a and b both own, held or hold
// units of one batch: trading partners, who may read each other's
// registration. It reads the batches a was involved in (an owner always
// is) and looks b up in each.
func (p *Projection) SharesGoods(a, b string) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	ha, okA := p.hs.lookup(a)
	hb, okB := p.hs.lookup(b)
	if !okA || !okB {
		return false // an enterprise never numbered owns and held nothing
	}
	found := false
	p.batchesOf(pInvolved, ha, func(gtin, lot string) bool {
		found = p.involved(hb, gtin, lot)
		return !found
	})
	return found
}
