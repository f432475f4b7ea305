package trace

import "github.com/traceledger/traceledger/app/query"

// The stock query reads it through the port app/query declares.
var _ query.StockModel = (*Projection)(nil)

// Held lists the batches uscc holds units of now, in stock or in transit
// (sent, not yet received), with its own tally of each; a batch it only
// held once is absent. In no particular order (the query sorts).
func (p *Projection) Held(uscc string) []query.HeldBatch {
	p.RLock()
	defer p.RUnlock()
	out := []query.HeldBatch{}
	h, known := p.State().Holders.Lookup(uscc)
	if !known {
		return out
	}
	for _, b := range p.State().Batches {
		if !b.Units.Involved(h) {
			continue
		}
		for _, t := range b.Units.Tallies(p.State().Holders) {
			if t.USCC != uscc || t.InStock+t.InTransit == 0 {
				continue
			}
			row := query.HeldBatch{GTIN: b.GTIN, Lot: b.Lot, OwnerUSCC: b.Owner, Imported: b.Imported, ExpiresOn: b.ExpiresOn,
				InStock: t.InStock, InTransit: t.InTransit, Sold: t.Sold, Returned: t.Returned, Recalled: len(b.Recalls) > 0, Recalls: []string{}}
			for _, r := range b.Recalls {
				row.Recalls = append(row.Recalls, r.RecallID)
			}
			out = append(out, row)
		}
	}
	return out
}
