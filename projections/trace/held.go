package trace

import (
	"errors"
	"fmt"

	"github.com/traceledger/traceledger/app/query"
)

// The stock query reads it through the port app/query declares.
var _ query.StockModel = (*Projection)(nil)

// Held lists the batches uscc holds units of now, in stock or in transit
// (sent, not yet received), with its own tally of each; a batch it only
// held once is absent. In no particular order (the query sorts). It reads
// the holder's held-now index (O) and one tally row per batch. A failed
// read is an error, never a shorter list.
func (p *Projection) Held(uscc string) ([]query.HeldBatch, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	out := []query.HeldBatch{}
	h, known := p.hs.lookup(uscc)
	if !known {
		return out, nil
	}
	var readErr error
	scanErr := p.batchesOf(pHeld, h, func(gtin, lot string) bool {
		k := tallyKey(gtin, lot, h)
		v, ok, err := p.m.Get(k)
		if err != nil {
			readErr = err
			return false
		}
		if !ok {
			return true
		}
		rec, good := decodeTally(v)
		if !good {
			readErr = corrupt("tally", k)
			return false
		}
		b, err := p.batch(gtin, lot)
		if err != nil {
			readErr = err
			return false
		}
		if b == nil {
			return true
		}
		t := rec.tally(uscc)
		if t.InStock+t.InTransit == 0 {
			return true
		}
		row := query.HeldBatch{GTIN: b.GTIN, Lot: b.Lot, OwnerUSCC: b.Owner, Imported: b.Imported, ExpiresOn: b.ExpiresOn,
			InStock: t.InStock, InTransit: t.InTransit, Sold: t.Sold, Returned: t.Returned, Recalled: len(b.Recalls) > 0, Recalls: []string{}}
		for _, r := range b.Recalls {
			row.Recalls = append(row.Recalls, r.RecallID)
		}
		out = append(out, row)
		return true
	})
	if err := errors.Join(scanErr, readErr); err != nil {
		return nil, fmt.Errorf("trace model: stock of %s: %w", uscc, err)
	}
	return out, nil
}
