package trace

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/modelstore"
)

// Tallies answers where each holder's units of a batch are now, each unit
// once, as batch.Tallies counts them: the recall list reads it, so it and
// the recall closure rule count alike. One scan of the batch's holder rows.
// ok is false for a batch not registered; a failed read is an error.
func (p *Projection) Tallies(_ context.Context, gtin, lot string) ([]batch.Tally, bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b, err := p.batch(gtin, lot)
	if err != nil {
		return nil, false, fmt.Errorf("trace model: batch %s/%s: %w", gtin, lot, err)
	}
	if b == nil {
		return nil, false, nil
	}
	rows, err := p.rows(gtin, lot)
	if err != nil {
		return nil, false, fmt.Errorf("trace model: holders of %s/%s: %w", gtin, lot, err)
	}
	return p.tallies(rows), true, nil
}

// Stock is what alerts look at of a batch: its expiry, customs decision and
// recalls, and who holds its units now.
type Stock struct {
	GTIN          string
	Lot           string
	Owner         string
	ExpiresOn     string
	Imported      bool
	Decision      string
	DeclarationNo string
	Recalls       []string
	Holders       []batch.Tally
}

// ExpiringBy lists the batches some holder still has units of whose expiry
// date (YYYY-MM-DD) is on or before day, already expired ones included: the
// expiry index up to day. A failed read is an error, never a shorter list.
func (p *Projection) ExpiringBy(day string) ([]Stock, error) {
	return p.stocks(modelstore.Key(pExpiry, ""), func(k []byte) (gtin, lot string, more bool) {
		exp, rest, _ := strings.Cut(string(k), "\x00")
		if exp > day {
			return "", "", false
		}
		gtin, lot = splitBatch([]byte(rest))
		return gtin, lot, true
	})
}

// Rejected lists the batches customs rejected that some holder still has
// units of.
func (p *Projection) Rejected() ([]Stock, error) {
	return p.stocks(modelstore.Key(pRejected, ""), each)
}

// Recalled lists the batches a recall names that some holder still has
// units of.
func (p *Projection) Recalled() ([]Stock, error) {
	return p.stocks(modelstore.Key(pRecalled, ""), each)
}

func each(k []byte) (gtin, lot string, more bool) {
	gtin, lot = splitBatch(k)
	return gtin, lot, true
}

// stocks reads the batches of an index (the rest of each key read by
// batchOf) with their tallies, sorted by GTIN and lot.
func (p *Projection) stocks(index []byte, batchOf func(rest []byte) (gtin, lot string, more bool)) ([]Stock, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var out []Stock
	var readErr error
	scanErr := p.m.Scan(index, nil, false, func(k, _ []byte) bool {
		gtin, lot, more := batchOf(k[len(index):])
		if !more {
			return false
		}
		b, err := p.batch(gtin, lot)
		if err != nil {
			readErr = fmt.Errorf("batch %s/%s: %w", gtin, lot, err)
			return false
		}
		if b == nil {
			return true
		}
		rows, err := p.rows(gtin, lot)
		if err != nil {
			readErr = fmt.Errorf("holders of %s/%s: %w", gtin, lot, err)
			return false
		}
		s := Stock{GTIN: b.GTIN, Lot: b.Lot, Owner: b.Owner, ExpiresOn: b.ExpiresOn, Imported: b.Imported, Holders: p.tallies(rows)}
		if b.Clearance != nil {
			s.Decision, s.DeclarationNo = b.Clearance.Decision, b.Clearance.DeclarationNo
		}
		for _, r := range b.Recalls {
			s.Recalls = append(s.Recalls, r.RecallID)
		}
		out = append(out, s)
		return true
	})
	slices.SortFunc(out, func(a, b Stock) int {
		if c := strings.Compare(a.GTIN, b.GTIN); c != 0 {
			return c
		}
		return strings.Compare(a.Lot, b.Lot)
	})
	if err := errors.Join(scanErr, readErr); err != nil {
		return nil, fmt.Errorf("trace model: stock: %w", err)
	}
	return out, nil
}

// Containers answers, per holder, the cases and pallets (SSCCs) holding its
// packed units of the batch now; the recall list shows them. A failed read
// is an error.
func (p *Projection) Containers(_ context.Context, gtin, lot string) (map[string][]string, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	cs, err := p.containers(gtin, lot, nil)
	if err != nil {
		return nil, fmt.Errorf("trace model: containers of %s/%s: %w", gtin, lot, err)
	}
	if len(cs) == 0 {
		return nil, nil
	}
	out := make(map[string][]string, len(cs))
	for h, list := range cs {
		out[p.hs.uscc(h)] = list
	}
	return out, nil
}
