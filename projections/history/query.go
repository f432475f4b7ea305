package history

import (
	"slices"

	"github.com/traceledger/traceledger/app/query"
)

// The queries answer "not there" when the store fails to read: the runner
// reports a broken store through the model's Apply, and a history read
// during a disk fault must not invent an answer.

func itemOf(k query.ItemKey) (bkey, string) { return bkey{GTIN: k.GTIN, Lot: k.Lot}, k.Serial }

// exists reports whether the model holds key.
func (p *Projection) exists(key []byte) bool {
	_, ok, err := p.m.Get(key)
	return err == nil && ok
}

// itemHistory is a labelled unit's whole history: its own events merged
// with its batch's batch-wide ones (a handful each).
func (p *Projection) itemHistory(k query.ItemKey) ([]stamped, bool) {
	b, serial := itemOf(k)
	if !p.exists(itemKey(b, serial)) {
		return nil, false
	}
	own, err := readAll(p.m, itemPrefix(b, serial))
	if err != nil {
		return nil, false
	}
	wide, err := chunkAll(p.m, widePrefix(b))
	if err != nil {
		return nil, false
	}
	return merge(own, wide), true
}

// Item returns the positions of every event that touched a labelled unit,
// in log order: its own events merged with its batch's batch-wide ones.
func (p *Projection) Item(k query.ItemKey) ([]uint64, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	h, ok := p.itemHistory(k)
	if !ok {
		return nil, false
	}
	out := make([]uint64, len(h))
	for i, s := range h {
		out[i] = s.pos
	}
	return out, true
}

// ItemPage returns a page of a labelled unit's history (see Item).
func (p *Projection) ItemPage(k query.ItemKey, spec query.PageSpec) (query.PositionPage, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	h, ok := p.itemHistory(k)
	if !ok {
		return query.PositionPage{}, false
	}
	return page(h, spec), true
}

// scanned is a page of the history under prefix, when record (the good's
// or enterprise's own key) exists.
func (p *Projection) scanned(record, prefix []byte, spec query.PageSpec) (query.PositionPage, bool) {
	if record != nil && !p.exists(record) {
		return query.PositionPage{}, false
	}
	pg, err := chunkPage(p.m, prefix, spec)
	if err != nil {
		return query.PositionPage{}, false
	}
	return pg, true
}

// BatchPage returns a page of a batch's history.
func (p *Projection) BatchPage(k query.BatchKey, spec query.PageSpec) (query.PositionPage, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b := bkey{GTIN: k.GTIN, Lot: k.Lot}
	return p.scanned(batchRecKey(b), batchPrefix(b), spec)
}

// ProductPage returns a page of a product's (GTIN-14) history.
func (p *Projection) ProductPage(gtin14 string, spec query.PageSpec) (query.PositionPage, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.scanned(productRecKey(gtin14), productPrefix(gtin14), spec)
}

// EnterprisePage returns a page of an enterprise's history: a busy
// importer has hundreds of thousands of events, read a page at a time.
func (p *Projection) EnterprisePage(uscc string, spec query.PageSpec) (query.PositionPage, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if _, ok := p.ents.idx[uscc]; !ok {
		return query.PositionPage{}, false
	}
	return p.scanned(nil, entPrefix(uscc), spec)
}

// LotsOf returns the lots in which a GTIN has a unit with this serial, in
// the order they were labelled: an SGTIN carries no lot, so its item is
// found through this (more than one lot is ambiguous: the caller says so).
func (p *Projection) LotsOf(gtin14, serial string) []string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	lots, err := lotsOf(p.m, gtin14, serial)
	if err != nil {
		return nil
	}
	return lots
}

// heldBy reports whether the holder set under prefix names uscc.
func (p *Projection) heldBy(prefix []byte, uscc string) bool {
	e, ok := p.ents.idx[uscc]
	return ok && p.exists(withEnt(prefix, e))
}

// itemHolders are the enterprises the moves of a unit's history name (its
// labeller, senders, receivers, seller, returning holder), by index: the
// unit's holders. ok is false when the unit is not known.
func (p *Projection) itemHolders(k query.ItemKey) (_ []uint32, ok bool) {
	b, serial := itemOf(k)
	if !p.exists(itemKey(b, serial)) {
		return nil, false
	}
	own, err := readAll(p.m, itemPrefix(b, serial))
	if err != nil {
		return nil, false
	}
	var hs []uint32
	for _, s := range own {
		v, found, err := p.m.Get(moveKey(s.pos))
		if err != nil {
			return nil, false
		}
		if !found {
			continue
		}
		m, err := decodeMove(v)
		if err != nil {
			return nil, false
		}
		for _, e := range []uint32{m.From, m.To} {
			if i, found := slices.BinarySearch(hs, e); e != 0 && !found {
				hs = slices.Insert(hs, i, e)
			}
		}
	}
	return hs, true
}

// ItemHeldBy reports whether an enterprise held or holds the unit: it may
// then read its history.
func (p *Projection) ItemHeldBy(k query.ItemKey, uscc string) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	e, ok := p.ents.idx[uscc]
	if !ok {
		return false
	}
	hs, _ := p.itemHolders(k)
	_, found := slices.BinarySearch(hs, e)
	return found
}

// BatchHeldBy reports whether an enterprise held or holds units of the
// batch.
func (p *Projection) BatchHeldBy(k query.BatchKey, uscc string) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.heldBy(batchHolders(bkey{GTIN: k.GTIN, Lot: k.Lot}), uscc)
}

// ProductHeldBy reports whether an enterprise owns, notified or held goods
// of the product.
func (p *Projection) ProductHeldBy(gtin14, uscc string) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.heldBy(productHolders(gtin14), uscc)
}

// ItemHolders lists the enterprises that held or hold the unit, in the
// order they first appeared in the log.
func (p *Projection) ItemHolders(k query.ItemKey) []string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	hs, ok := p.itemHolders(k)
	if !ok {
		return nil
	}
	out := make([]string, len(hs))
	for i, e := range hs {
		_, out[i] = p.ents.party(e)
	}
	return out
}

// BatchHolders lists the enterprises that held or hold units of the batch,
// in the order they first appeared in the log.
func (p *Projection) BatchHolders(k query.BatchKey) []string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b := bkey{GTIN: k.GTIN, Lot: k.Lot}
	if !p.exists(batchRecKey(b)) {
		return nil
	}
	return p.holders(batchHolders(b))
}

func (p *Projection) holders(prefix []byte) []string {
	out := []string{}
	if err := p.m.Scan(prefix, nil, false, func(k, _ []byte) bool {
		_, uscc := p.ents.party(tailEnt(k))
		out = append(out, uscc)
		return true
	}); err != nil {
		return nil
	}
	return slices.Clip(out)
}
