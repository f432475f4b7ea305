package trace

import (
	"slices"
	"strings"

	"github.com/traceledger/traceledger/domain/batch"
)

// Tallies answers where each holder's units of a batch are now, each unit
// once, as batch.Tallies counts them: the recall list reads it, so it and
// the recall closure rule count alike.
func (p *Projection) Tallies(gtin, lot string) ([]batch.Tally, bool) {
	p.RLock()
	defer p.RUnlock()
	b := p.batch(gtin, lot)
	if b == nil {
		return nil, false
	}
	return b.Units.Tallies(p.State().Holders), true
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

// ExpiringBy lists the batches whose expiry date (YYYY-MM-DD) is on or
// before day, already expired ones included.
func (p *Projection) ExpiringBy(day string) []Stock {
	return p.stocks(func(b *Batch) bool { return b.ExpiresOn != "" && b.ExpiresOn <= day })
}

// Rejected lists the batches customs rejected.
func (p *Projection) Rejected() []Stock {
	return p.stocks(func(b *Batch) bool { return b.Clearance != nil && b.Clearance.Decision == batch.DecisionRejected })
}

// Recalled lists the batches a recall names.
func (p *Projection) Recalled() []Stock {
	return p.stocks(func(b *Batch) bool { return len(b.Recalls) > 0 })
}

// stocks scans every batch: a few microseconds each, only the matching
// ones are tallied.
func (p *Projection) stocks(keep func(*Batch) bool) []Stock {
	p.RLock()
	defer p.RUnlock()
	var out []Stock
	for _, b := range p.State().Batches {
		if !keep(b) {
			continue
		}
		s := Stock{GTIN: b.GTIN, Lot: b.Lot, Owner: b.Owner, ExpiresOn: b.ExpiresOn, Imported: b.Imported, Holders: b.Units.Tallies(p.State().Holders)}
		if b.Clearance != nil {
			s.Decision, s.DeclarationNo = b.Clearance.Decision, b.Clearance.DeclarationNo
		}
		for _, r := range b.Recalls {
			s.Recalls = append(s.Recalls, r.RecallID)
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Stock) int {
		if c := strings.Compare(a.GTIN, b.GTIN); c != 0 {
			return c
		}
		return strings.Compare(a.Lot, b.Lot)
	})
	return out
}

// Containers answers, per holder, the cases and pallets (SSCCs) holding its
// packed units of the batch now; the recall list shows them.
func (p *Projection) Containers(gtin, lot string) map[string][]string {
	p.RLock()
	defer p.RUnlock()
	b := p.batch(gtin, lot)
	if b == nil || len(b.Units.Container) == 0 {
		return nil
	}
	out := map[string][]string{}
	for i, c := range b.Units.Container {
		u := p.State().Holders.USCC(b.Units.ItemHolder[i])
		if !slices.Contains(out[u], c) {
			out[u] = append(out[u], c)
		}
	}
	for _, cs := range out {
		slices.Sort(cs)
	}
	return out
}
