package readside

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// Cards answers the items' and products' public cards: they stay with the
// embedded history model (*history.Projection), which composes them.
type Cards interface {
	Card(ctx context.Context, k query.ItemKey, now time.Time) (query.ItemCard, bool, error)
	ProductCard(ctx context.Context, gtin14 string, now time.Time) (query.ProductCard, bool, error)
}

// Histories answers app/query's HistoryModel from the index: the positions
// of every history and who held what; the cards from Cards. A failed
// ClickHouse read is an error (the read side unavailable), never "not
// found".
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
func (h *Histories) labelled(ctx context.Context, k query.ItemKey) (bool, error) {
	ok, err := h.x.exists(ctx, "kind = 20 AND key = ? AND lot = ?", itemKey(k.GTIN, k.Serial), k.Lot)
	if err != nil {
		return false, fmt.Errorf("item labelled: %w", err)
	}
	return ok, nil
}

// whileLabelled runs read while it asks whether the unit was labelled, and
// reports whether it was, with read's error: an item's history is two
// questions, and asking them at once waits for one round trip instead of
// two. For a unit never labelled, read is cancelled and its answer
// dropped.
func (h *Histories) whileLabelled(ctx context.Context, k query.ItemKey, read func(context.Context) error) (bool, error) {
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- read(rctx) }()
	ok, err := h.labelled(ctx, k)
	if err != nil || !ok {
		cancel()
		<-done
		return false, err
	}
	return true, <-done
}

// Item answers every position of a labelled unit's history.
func (h *Histories) Item(ctx context.Context, k query.ItemKey) ([]uint64, bool, error) {
	var ps []uint64
	ok, err := h.whileLabelled(ctx, k, func(ctx context.Context) error {
		var err error
		if ps, err = h.x.positions(ctx, itemHistory, itemArgs(k), false, 0); err != nil {
			return fmt.Errorf("item history: %w", err)
		}
		return nil
	})
	if err != nil || !ok {
		return nil, false, err
	}
	return ps, true, nil
}

// ItemPage answers a page of a labelled unit's history.
func (h *Histories) ItemPage(ctx context.Context, k query.ItemKey, spec query.PageSpec) (query.PositionPage, bool, error) {
	var pg query.PositionPage
	ok, err := h.whileLabelled(ctx, k, func(ctx context.Context) error {
		var err error
		if pg, _, err = h.x.page(ctx, itemHistory, itemArgs(k), false, false, spec); err != nil {
			return fmt.Errorf("item history: %w", err)
		}
		return nil
	})
	if err != nil || !ok {
		return query.PositionPage{}, false, err
	}
	return pg, true, nil
}

// BatchPage answers a page of a batch's history.
func (h *Histories) BatchPage(ctx context.Context, k query.BatchKey, spec query.PageSpec) (query.PositionPage, bool, error) {
	return h.keyPage(ctx, "batch history", kindBatch, batchKey(k.GTIN, k.Lot), spec)
}

// ProductPage answers a page of a product's history.
func (h *Histories) ProductPage(ctx context.Context, gtin14 string, spec query.PageSpec) (query.PositionPage, bool, error) {
	return h.keyPage(ctx, "product history", kindProduct, gtin14, spec)
}

// EnterprisePage answers a page of an enterprise's history.
func (h *Histories) EnterprisePage(ctx context.Context, uscc string, spec query.PageSpec) (query.PositionPage, bool, error) {
	return h.keyPage(ctx, "enterprise history", kindEnterprise, uscc, spec)
}

func (h *Histories) keyPage(ctx context.Context, what string, kind uint8, key string, spec query.PageSpec) (query.PositionPage, bool, error) {
	pg, ok, err := h.x.page(ctx, "kind = ? AND key = ?", []any{kind, key}, true, kind == kindEnterprise || kind == kindProduct, spec)
	if err != nil {
		return query.PositionPage{}, false, fmt.Errorf("%s: %w", what, err)
	}
	if !ok {
		return query.PositionPage{}, false, nil
	}
	return pg, true, nil
}

// LotsOf answers the lots in which a GTIN has a unit with this serial, in
// the order they were labelled.
func (h *Histories) LotsOf(ctx context.Context, gtin14, serial string) ([]string, error) {
	lots, err := h.x.column(ctx, "lot", "kind = 20 AND key = ?", itemKey(gtin14, serial))
	if err != nil {
		return nil, fmt.Errorf("lots of a serial: %w", err)
	}
	return lots, nil
}

// ItemHeldBy reports whether an enterprise held or holds the unit.
func (h *Histories) ItemHeldBy(ctx context.Context, k query.ItemKey, uscc string) (bool, error) {
	return h.held(ctx, "kind = 14 AND key = ? AND lot = ? AND holder = ?", itemKey(k.GTIN, k.Serial), k.Lot, uscc)
}

// BatchHeldBy reports whether an enterprise held or holds units of the
// batch.
func (h *Histories) BatchHeldBy(ctx context.Context, k query.BatchKey, uscc string) (bool, error) {
	return h.held(ctx, "kind = 13 AND key = ? AND holder = ?", batchKey(k.GTIN, k.Lot), uscc)
}

// ProductHeldBy reports whether an enterprise owns, notified or held goods
// of the product.
func (h *Histories) ProductHeldBy(ctx context.Context, gtin14, uscc string) (bool, error) {
	return h.held(ctx, "kind = 12 AND key = ? AND holder = ?", gtin14, uscc)
}

func (h *Histories) held(ctx context.Context, where string, args ...any) (bool, error) {
	if args[len(args)-1] == "" {
		return false, nil
	}
	ok, err := h.x.exists(ctx, where, args...)
	if err != nil {
		return false, fmt.Errorf("holders: %w", err)
	}
	return ok, nil
}

// Card is the item's card, from the embedded model.
func (h *Histories) Card(ctx context.Context, k query.ItemKey, now time.Time) (query.ItemCard, bool, error) {
	return h.cards.Card(ctx, k, now)
}

// ProductCard is the product's card, from the embedded model.
func (h *Histories) ProductCard(ctx context.Context, gtin14 string, now time.Time) (query.ProductCard, bool, error) {
	return h.cards.ProductCard(ctx, gtin14, now)
}
