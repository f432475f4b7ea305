package trace

import (
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// The batch directory query reads it through the port app/query declares.
var _ query.BatchDirectoryModel = (*Projection)(nil)

// Batches lists the batches every one of involving owns or held or holds
// units of (every batch when none is given), in no particular order (the
// query sorts). With enterprises given it reads the batches the first was
// involved in (an owner always is) and looks the others up in each.
func (p *Projection) Batches(involving ...string) []query.BatchSummary {
	p.mu.RLock()
	defer p.mu.RUnlock()
	out := []query.BatchSummary{}
	add := func(b *Batch) {
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
	if len(involving) == 0 {
		prefix := modelstore.Key(pBatch, "")
		p.m.Scan(prefix, nil, false, func(_, v []byte) bool {
			if b, ok := decodeBatch(v); ok {
				add(b)
			}
			return true
		})
		return out
	}
	hs := make([]holder, len(involving))
	for i, u := range involving {
		h, ok := p.hs.lookup(u)
		if !ok {
			return out // an enterprise never numbered owns and held nothing
		}
		hs[i] = h
	}
	p.batchesOf(pInvolved, hs[0], func(gtin, lot string) bool {
		for _, h := range hs[1:] {
			if !p.involved(h, gtin, lot) {
				return true
			}
		}
		if b, err := p.batch(gtin, lot); err == nil && b != nil {
			add(b)
		}
		return true
	})
	return out
}
