package history

import (
	"context"
	"fmt"
	"slices"

	"github.com/traceledger/traceledger/app/query"
)

// The queries answer an error when the store fails to read: a history read
// during a disk fault must neither invent an answer nor answer "not there".
// The store is local (Pebble) and takes no context: ctx is the port's.

func itemOf(k query.ItemKey) (bkey, string) { return bkey{GTIN: k.GTIN, Lot: k.Lot}, k.Serial }

// exists reports whether the model holds key.
func (p *Projection) exists(key []byte) (bool, error) {
	_, ok, err := p.m.Get(key)
	if err != nil {
		return false, fmt.Errorf("history model: %w", err)
	}
	return ok, nil
}

// item reads the record of batch b when it has a unit with this serial;
// ok is false when it has none.
func (p *Projection) item(b bkey, serial string) (_ *batchRec, ok bool, _ error) {
	br, err := readRecord[batchRec](p.m, batchRecKey(b))
	if err != nil {
		return nil, false, fmt.Errorf("history model: an item's batch: %w", err)
	}
	if br == nil {
		return nil, false, nil
	}
	ok, err = p.exists(itemKey(br.No, serial))
	return br, ok, err
}

// itemHistory is a labelled unit's whole history: its own events merged
// with its batch's batch-wide ones (a handful each).
func (p *Projection) itemHistory(k query.ItemKey) ([]stamped, bool, error) {
	b, serial := itemOf(k)
	br, ok, err := p.item(b, serial)
	if err != nil || !ok {
		return nil, false, err
	}
	own, err := readAll(p.m, itemPrefix(br.No, serial))
	if err != nil {
		return nil, false, fmt.Errorf("history model: item history: %w", err)
	}
	wide, err := chunkAll(p.m, widePrefix(b))
	if err != nil {
		return nil, false, fmt.Errorf("history model: batch-wide history: %w", err)
	}
	return merge(own, wide), true, nil
}

// Item returns the positions of every event that touched a labelled unit,
// in log order: its own events merged with its batch's batch-wide ones.
func (p *Projection) Item(_ context.Context, k query.ItemKey) ([]uint64, bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	h, ok, err := p.itemHistory(k)
	if err != nil || !ok {
		return nil, false, err
	}
	out := make([]uint64, len(h))
	for i, s := range h {
		out[i] = s.pos
	}
	return out, true, nil
}

// ItemPage returns a page of a labelled unit's history (see Item).
func (p *Projection) ItemPage(_ context.Context, k query.ItemKey, spec query.PageSpec) (query.PositionPage, bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	h, ok, err := p.itemHistory(k)
	if err != nil || !ok {
		return query.PositionPage{}, false, err
	}
	return page(h, spec), true, nil
}

// scanned is a page of the history under prefix, when record (the good's
// or enterprise's own key) exists.
func (p *Projection) scanned(record, prefix []byte, spec query.PageSpec) (query.PositionPage, bool, error) {
	if record != nil {
		if ok, err := p.exists(record); err != nil || !ok {
			return query.PositionPage{}, false, err
		}
	}
	pg, err := chunkPage(p.m, prefix, spec)
	if err != nil {
		return query.PositionPage{}, false, fmt.Errorf("history model: page: %w", err)
	}
	return pg, true, nil
}

// BatchPage returns a page of a batch's history.
func (p *Projection) BatchPage(_ context.Context, k query.BatchKey, spec query.PageSpec) (query.PositionPage, bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b := bkey{GTIN: k.GTIN, Lot: k.Lot}
	return p.scanned(batchRecKey(b), batchPrefix(b), spec)
}

// ProductPage returns a page of a product's (GTIN-14) history.
func (p *Projection) ProductPage(_ context.Context, gtin14 string, spec query.PageSpec) (query.PositionPage, bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.scanned(productRecKey(gtin14), productPrefix(gtin14), spec)
}

// EnterprisePage returns a page of an enterprise's history: a busy
// importer has hundreds of thousands of events, read a page at a time.
func (p *Projection) EnterprisePage(_ context.Context, uscc string, spec query.PageSpec) (query.PositionPage, bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if _, ok := p.ents.idx[uscc]; !ok {
		return query.PositionPage{}, false, nil
	}
	return p.scanned(nil, entPrefix(uscc), spec)
}

// LotsOf returns the lots in which a GTIN has a unit with this serial, in
// the order they were labelled: an SGTIN carries no lot, so its item is
// found through this (more than one lot is ambiguous: the caller says so).
func (p *Projection) LotsOf(_ context.Context, gtin14, serial string) ([]string, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	lots, err := lotsOf(p.m, gtin14, serial)
	if err != nil {
		return nil, fmt.Errorf("history model: lots of a serial: %w", err)
	}
	return lots, nil
}

// heldBy reports whether the holder set under prefix names uscc.
func (p *Projection) heldBy(prefix []byte, uscc string) (bool, error) {
	e, ok := p.ents.idx[uscc]
	if !ok {
		return false, nil
	}
	return p.exists(withEnt(prefix, e))
}

// itemHolders are the enterprises the moves of a unit's history name (its
// labeller, senders, receivers, seller, returning holder), by index: the
// unit's holders. ok is false when the unit is not known.
func (p *Projection) itemHolders(k query.ItemKey) (_ []uint32, ok bool, _ error) {
	b, serial := itemOf(k)
	br, ok, err := p.item(b, serial)
	if err != nil || !ok {
		return nil, false, err
	}
	own, err := readAll(p.m, itemPrefix(br.No, serial))
	if err != nil {
		return nil, false, fmt.Errorf("history model: item history: %w", err)
	}
	var hs []uint32
	for _, s := range own {
		v, found, err := p.m.Get(moveKey(s.pos))
		if err != nil {
			return nil, false, fmt.Errorf("history model: move at %d: %w", s.pos, err)
		}
		if !found {
			continue
		}
		m, err := decodeMove(v)
		if err != nil {
			return nil, false, fmt.Errorf("history model: move at %d: %w", s.pos, err)
		}
		for _, e := range []uint32{m.From, m.To} {
			if i, found := slices.BinarySearch(hs, e); e != 0 && !found {
				hs = slices.Insert(hs, i, e)
			}
		}
	}
	return hs, true, nil
}

// ItemHeldBy reports whether an enterprise held or holds the unit: it may
// then read its history.
func (p *Projection) ItemHeldBy(_ context.Context, k query.ItemKey, uscc string) (bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	e, ok := p.ents.idx[uscc]
	if !ok {
		return false, nil
	}
	hs, _, err := p.itemHolders(k)
	if err != nil {
		return false, err
	}
	_, found := slices.BinarySearch(hs, e)
	return found, nil
}

// BatchHeldBy reports whether an enterprise held or holds units of the
// batch.
func (p *Projection) BatchHeldBy(_ context.Context, k query.BatchKey, uscc string) (bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.heldBy(batchHolders(bkey{GTIN: k.GTIN, Lot: k.Lot}), uscc)
}

// ProductHeldBy reports whether an enterprise owns, notified or held goods
// of the product.
func (p *Projection) ProductHeldBy(_ context.Context, gtin14, uscc string) (bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.heldBy(productHolders(gtin14), uscc)
}

// ItemHolders lists the enterprises that held or hold the unit, in the
// order they first appeared in the log (none for an unknown unit); a
// failed read is an error.
func (p *Projection) ItemHolders(k query.ItemKey) ([]string, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	hs, ok, err := p.itemHolders(k)
	if err != nil || !ok {
		return nil, err
	}
	out := make([]string, len(hs))
	for i, e := range hs {
		_, out[i] = p.ents.party(e)
	}
	return out, nil
}

// BatchHolders lists the enterprises that held or hold units of the batch,
// in the order they first appeared in the log (none for an unknown
// batch); a failed read is an error.
func (p *Projection) BatchHolders(k query.BatchKey) ([]string, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b := bkey{GTIN: k.GTIN, Lot: k.Lot}
	if ok, err := p.exists(batchRecKey(b)); err != nil || !ok {
		return nil, err
	}
	return p.holders(batchHolders(b))
}

func (p *Projection) holders(prefix []byte) ([]string, error) {
	out := []string{}
	if err := p.m.Scan(prefix, nil, false, func(k, _ []byte) bool {
		_, uscc := p.ents.party(tailEnt(k))
		out = append(out, uscc)
		return true
	}); err != nil {
		return nil, fmt.Errorf("history model: holders: %w", err)
	}
	return slices.Clip(out), nil
}
