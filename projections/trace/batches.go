package trace

import (
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// The batch directory query reads it through the port app/query declares.
var _ query.BatchDirectoryModel = (*Projection)(nil)

// Batches lists the batches every one of involving owns or held or holds
// units of (every batch when none is given), in no particular order (the
// query sorts).
func (p *Projection) Batches(involving ...string) []query.BatchSummary {
	p.RLock()
	defer p.RUnlock()
	hs := make([]unitstate.Holder, len(involving))
	known := make([]bool, len(involving))
	for i, u := range involving {
		hs[i], known[i] = p.State().Holders.Lookup(u)
	}
	out := []query.BatchSummary{}
next:
	for _, b := range p.State().Batches {
		for i, u := range involving {
			if b.Owner != u && (!known[i] || !b.Units.Involved(hs[i])) {
				continue next
			}
		}
		s := query.BatchSummary{GTIN: b.GTIN, Lot: b.Lot, OwnerUSCC: b.Owner, Origin: b.Origin, Imported: b.Imported, Quantity: b.Quantity,
			ProducedOn: b.ProducedOn, ExpiresOn: b.ExpiresOn, RegisteredAt: unitstate.Time(b.RegisteredAt), Recalls: []string{}}
		if b.Clearance != nil {
			s.Clearance = b.Clearance.Decision
		}
		for _, r := range b.Recalls {
			s.Recalls = append(s.Recalls, r.RecallID)
		}
		out = append(out, s)
	}
	return out
}
