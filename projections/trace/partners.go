package trace

import (
	"errors"
	"fmt"
)

// SharesGoods reports whether enterprises a and b both own, held or hold
// units of one batch: trading partners, who may read each other's
// registration. It reads the batches a was involved in (an owner always
// is) and looks b up in each. A failed read is an error, never "not
// partners".
func (p *Projection) SharesGoods(a, b string) (bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	ha, okA := p.hs.lookup(a)
	hb, okB := p.hs.lookup(b)
	if !okA || !okB {
		return false, nil // an enterprise never numbered owns and held nothing
	}
	found := false
	var readErr error
	scanErr := p.batchesOf(pInvolved, ha, func(gtin, lot string) bool {
		found, readErr = p.involved(hb, gtin, lot)
		return !found && readErr == nil
	})
	if err := errors.Join(scanErr, readErr); err != nil {
		return false, fmt.Errorf("trace model: goods %s and %s shared: %w", a, b, err)
	}
	return found, nil
}
