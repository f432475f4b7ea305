package history

import (
	"slices"

	"github.com/traceledger/traceledger/app/query"
)

func (p *Projection) item(k query.ItemKey) (*item, bool) {
	i := p.s.findItem(k.GTIN, k.Lot, k.Serial)
	if i == 0 {
		return nil, false
	}
	return &p.s.items[i], true
}

func (p *Projection) batchRec(k query.BatchKey) (*batchRec, bool) {
	i, ok := p.s.batchIdx[k.GTIN+k.Lot]
	if !ok {
		return nil, false
	}
	return p.s.batches[i], true
}

// Item returns the positions of every event that touched a labelled unit,
// in log order: its own events merged with its batch's batch-wide ones.
func (p *Projection) Item(k query.ItemKey) ([]uint64, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	it, ok := p.item(k)
	if !ok {
		return nil, false
	}
	return merge(it.Positions, p.s.batches[it.Batch].Wide), true
}

// ItemPage returns a page of a labelled unit's history (see Item).
func (p *Projection) ItemPage(k query.ItemKey, spec query.PageSpec) (query.PositionPage, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	it, ok := p.item(k)
	if !ok {
		return query.PositionPage{}, false
	}
	return p.s.page(merge(it.Positions, p.s.batches[it.Batch].Wide), spec), true
}

// BatchPage returns a page of a batch's history.
func (p *Projection) BatchPage(k query.BatchKey, spec query.PageSpec) (query.PositionPage, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b, ok := p.batchRec(k)
	if !ok {
		return query.PositionPage{}, false
	}
	return p.s.page(b.Positions, spec), true
}

// ProductPage returns a page of a product's (GTIN-14) history.
func (p *Projection) ProductPage(gtin14 string, spec query.PageSpec) (query.PositionPage, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	pr := p.s.products[gtin14]
	if pr == nil {
		return query.PositionPage{}, false
	}
	return p.s.page(pr.Positions, spec), true
}

// EnterprisePage returns a page of an enterprise's history: a busy
// importer has hundreds of thousands of events, read a page at a time.
func (p *Projection) EnterprisePage(uscc string, spec query.PageSpec) (query.PositionPage, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	e, ok := p.s.entIdx[uscc]
	if !ok {
		return query.PositionPage{}, false
	}
	return p.s.page(p.s.ents[e].Positions, spec), true
}

// LotsOf returns the lots in which a GTIN has a unit with this serial, in
// the order they were labelled: an SGTIN carries no lot, so its item is
// found through this (more than one lot is ambiguous: the caller says so).
func (p *Projection) LotsOf(gtin14, serial string) []string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	pr := p.s.products[gtin14]
	if pr == nil {
		return nil
	}
	var lots []string
	for i := pr.serials[serial]; i != 0; i = p.s.items[i].Next {
		lots = append(lots, p.s.batches[p.s.items[i].Batch].Lot)
	}
	return lots
}

// ItemHeldBy reports whether an enterprise held or holds the unit: it may
// then read its history.
func (p *Projection) ItemHeldBy(k query.ItemKey, uscc string) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	it, ok := p.item(k)
	return ok && holds(it.Holders, p.s.entIdx[uscc])
}

// BatchHeldBy reports whether an enterprise held or holds units of the
// batch.
func (p *Projection) BatchHeldBy(k query.BatchKey, uscc string) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b, ok := p.batchRec(k)
	return ok && holds(b.Holders, p.s.entIdx[uscc])
}

// ProductHeldBy reports whether an enterprise owns, notified or held goods
// of the product.
func (p *Projection) ProductHeldBy(gtin14, uscc string) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	pr := p.s.products[gtin14]
	return pr != nil && holds(pr.Holders, p.s.entIdx[uscc])
}

// ItemHolders lists the enterprises that held or hold the unit, in the
// order they first appeared in the log.
func (p *Projection) ItemHolders(k query.ItemKey) []string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	it, ok := p.item(k)
	if !ok {
		return nil
	}
	return p.usccs(it.Holders)
}

// BatchHolders lists the enterprises that held or hold units of the batch,
// in the order they first appeared in the log.
func (p *Projection) BatchHolders(k query.BatchKey) []string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b, ok := p.batchRec(k)
	if !ok {
		return nil
	}
	return p.usccs(b.Holders)
}

func (p *Projection) usccs(hs []uint32) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = p.s.ents[h].USCC
	}
	return slices.Clip(out)
}
