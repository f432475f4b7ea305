package trace

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// The batch directory query reads it through the port app/query declares.
var _ query.BatchDirectoryModel = (*Projection)(nil)

// Batches lists the batches every one of involving owns or held or holds
// units of (every batch when none is given), in no particular order (the
// query sorts). With enterprises given it reads the batches the first was
// involved in (an owner always is) and looks the others up in each. A
// failed read is an error, never a shorter list.
func (p *Projection) Batches(involving ...string) ([]query.BatchSummary, error) {
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
		var bad []byte
		err := p.m.Scan(prefix, nil, false, func(k, v []byte) bool {
			b, ok := decodeBatch(v)
			if !ok {
				bad = bytes.Clone(k)
				return false
			}
			add(b)
			return true
		})
		if err == nil && bad != nil {
			err = corrupt("batch", bad)
		}
		if err != nil {
			return nil, fmt.Errorf("trace model: batches: %w", err)
		}
		return out, nil
	}
	hs := make([]holder, len(involving))
	for i, u := range involving {
		h, ok := p.hs.lookup(u)
		if !ok {
			return out, nil // an enterprise never numbered owns and held nothing
		}
		hs[i] = h
	}
	var readErr error
	scanErr := p.batchesOf(pInvolved, hs[0], func(gtin, lot string) bool {
		for _, h := range hs[1:] {
			ok, err := p.involved(h, gtin, lot)
			if err != nil {
				readErr = err
				return false
			}
			if !ok {
				return true
			}
		}
		b, err := p.batch(gtin, lot)
		if err != nil {
			readErr = err
			return false
		}
		if b != nil {
			add(b)
		}
		return true
	})
	if err := errors.Join(scanErr, readErr); err != nil {
		return nil, fmt.Errorf("trace model: batches: %w", err)
	}
	return out, nil
}
