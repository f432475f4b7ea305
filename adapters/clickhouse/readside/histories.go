package readside

import (
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// Cards answers the items' and products' public cards: they stay with the
// embedded history model (*history.Projection), which composes them.
type Cards interface {
	Card(k query.ItemKey, now time.Time) (query.ItemCard, bool)
	ProductCard(gtin14 string, now time.Time) (query.ProductCard, bool)
}

// Histories answers app/query's HistoryModel from the index: the positions
// of every history and who held what; the cards from Cards.
type Histories struct {
	x     *Index
	cards Cards
}

// NewHistories reads x, and the cards from cards.
func NewHistories(x *Index, cards Cards) *Histories { return &Histories{x: x, cards: cards} }

var _ query.HistoryModel = (*Histories)(nil)

// Rows of an item's own history, and the wide events of its batch (those
// that concern every unit of it, whenever they happened).
const itemHistory = "(kind = 4 AND key = ? AND lot = ?) OR (kind = 3 AND key = ? AND wide = 1)"

func itemArgs(k query.ItemKey) []any {
	return []any{itemKey(k.GTIN, k.Serial), k.Lot, batchKey(k.GTIN, k.Lot)}
}

// labelled reports whether the item exists: it was labelled.
func (h *Histories) labelled(k query.ItemKey) (bool, error) {
	return h.x.exists("kind = 20 AND key = ? AND lot = ?", itemKey(k.GTIN, k.Serial), k.Lot)
}

// Item answers every position of a labelled unit's history.
func (h *Histories) Item(k query.ItemKey) ([]uint64, bool) {
	ok, err := h.labelled(k)
	if err != nil || !ok {
		h.fail("item", err)
		return nil, false
	}
	ps, err := h.x.positions(itemHistory, itemArgs(k), false, 0)
	if err != nil {
		h.x.failed("item history", err)
		return nil, false
	}
	return ps, true
}

// ItemPage answers a page of a labelled unit's history.
func (h *Histories) ItemPage(k query.ItemKey, spec query.PageSpec) (query.PositionPage, bool) {
	ok, err := h.labelled(k)
	if err != nil || !ok {
		h.fail("item", err)
		return query.PositionPage{}, false
	}
	pg, _, err := h.x.page(itemHistory, itemArgs(k), false, false, spec)
	if err != nil {
		h.x.failed("item history", err)
		return query.PositionPage{}, false
	}
	return pg, true
}

// BatchPage answers a page of a batch's history.
func (h *Histories) BatchPage(k query.BatchKey, spec query.PageSpec) (query.PositionPage, bool) {
	return h.keyPage("batch history", kindBatch, batchKey(k.GTIN, k.Lot), spec)
}

// ProductPage answers a page of a product's history.
func (h *Histories) ProductPage(gtin14 string, spec query.PageSpec) (query.PositionPage, bool) {
	return h.keyPage("product history", kindProduct, gtin14, spec)
}

// EnterprisePage answers a page of an enterprise's history.
func (h *Histories) EnterprisePage(uscc string, spec query.PageSpec) (query.PositionPage, bool) {
	return h.keyPage("enterprise history", kindEnterprise, uscc, spec)
}

func (h *Histories) keyPage(what string, kind uint8, key string, spec query.PageSpec) (query.PositionPage, bool) {
	pg, ok, err := h.x.page("kind = ? AND key = ?", []any{kind, key}, true, kind == kindEnterprise || kind == kindProduct, spec)
	if err != nil {
		h.x.failed(what, err)
		return query.PositionPage{}, false
	}
	if !ok {
		return query.PositionPage{}, false
	}
	return pg, true
}

// LotsOf answers the lots in which a GTIN has a unit with this serial, in
// the order they were labelled.
func (h *Histories) LotsOf(gtin14, serial string) []string {
	lots, err := h.x.column("lot", "kind = 20 AND key = ?", itemKey(gtin14, serial))
	if err != nil {
		h.x.failed("lots of a serial", err)
		return nil
	}
	return lots
}

// ItemHeldBy reports whether an enterprise held or holds the unit.
func (h *Histories) ItemHeldBy(k query.ItemKey, uscc string) bool {
	return h.held("kind = 14 AND key = ? AND lot = ? AND holder = ?", itemKey(k.GTIN, k.Serial), k.Lot, uscc)
}

// BatchHeldBy reports whether an enterprise held or holds units of the
// batch.
func (h *Histories) BatchHeldBy(k query.BatchKey, uscc string) bool {
	return h.held("kind = 13 AND key = ? AND holder = ?", batchKey(k.GTIN, k.Lot), uscc)
}

// ProductHeldBy reports whether an enterprise owns, notified or held goods
// of the product.
func (h *Histories) ProductHeldBy(gtin14, uscc string) bool {
	return h.held("kind = 12 AND key = ? AND holder = ?", gtin14, uscc)
}

func (h *Histories) held(where string, args ...any) bool {
	if args[len(args)-1] == "" {
		return false
	}
	ok, err := h.x.exists(where, args...)
	if err != nil {
		h.x.failed("holders", err)
	}
	return ok
}

// Card is the item's card, from the embedded model.
func (h *Histories) Card(k query.ItemKey, now time.Time) (query.ItemCard, bool) {
	return h.cards.Card(k, now)
}

// ProductCard is the product's card, from the embedded model.
func (h *Histories) ProductCard(gtin14 string, now time.Time) (query.ProductCard, bool) {
	return h.cards.ProductCard(gtin14, now)
}

func (h *Histories) fail(what string, err error) {
	if err != nil {
		h.x.failed(what, err)
	}
}
