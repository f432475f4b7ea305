package certificate

import "github.com/traceledger/traceledger/app/query"

// Recall lists name their products through the port app/query declares.
var _ query.ProductNames = (*Projection)(nil)

// ProductName is the name a registered product (GTIN-14) was registered
// under.
func (p *Projection) ProductName(gtin14 string) (string, bool) {
	p.RLock()
	defer p.RUnlock()
	e := p.State().Products[gtin14]
	if e == nil || !e.Registered {
		return "", false
	}
	return e.Product.Name, true
}
