package directory

import (
	"slices"

	"github.com/traceledger/traceledger/app/query"
)

// The enterprise directory query reads it through the port app/query
// declares.
var _ query.EnterpriseDirectoryModel = (*Projection)(nil)

// Enterprises lists every registered enterprise, in no particular order
// (the query sorts): a copy the caller may keep. Webhook URLs are not
// listed: they are delivery settings, not the enterprise's public face.
func (p *Projection) Enterprises() []query.EnterpriseSummary {
	p.RLock()
	defer p.RUnlock()
	out := make([]query.EnterpriseSummary, 0, len(p.State().Enterprises))
	for _, e := range p.State().Enterprises {
		if e.Position == 0 {
			continue
		}
		out = append(out, query.EnterpriseSummary{USCC: e.USCC, Name: e.Name, Region: e.Region, Roles: slices.Clone(e.Roles),
			FoodOperator: e.FoodOperator, Contact: e.Contact, RegisteredAt: e.RegisteredAt, Position: e.Position, Penalties: e.Penalties})
	}
	return out
}
