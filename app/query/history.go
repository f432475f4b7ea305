package query

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// HistoryModel is what the history queries read: which events touched an
// item, batch, product or enterprise, who held the goods, and the item's
// card. *history.Projection (on disk) and the ClickHouse read side
// implement it: a read can fail, and a failure is an error, never an
// answer of "not there" (the bool results say whether a record exists).
type HistoryModel interface {
	Item(ctx context.Context, k ItemKey) ([]uint64, bool, error)
	ItemPage(ctx context.Context, k ItemKey, spec PageSpec) (PositionPage, bool, error)
	BatchPage(ctx context.Context, k BatchKey, spec PageSpec) (PositionPage, bool, error)
	ProductPage(ctx context.Context, gtin14 string, spec PageSpec) (PositionPage, bool, error)
	EnterprisePage(ctx context.Context, uscc string, spec PageSpec) (PositionPage, bool, error)
	LotsOf(ctx context.Context, gtin14, serial string) ([]string, error)
	ItemHeldBy(ctx context.Context, k ItemKey, uscc string) (bool, error)
	BatchHeldBy(ctx context.Context, k BatchKey, uscc string) (bool, error)
	ProductHeldBy(ctx context.Context, gtin14, uscc string) (bool, error)
	Card(ctx context.Context, k ItemKey, now time.Time) (ItemCard, bool, error)
	ProductCard(ctx context.Context, gtin14 string, now time.Time) (ProductCard, bool, error)
}

// EventReader reads the events at given positions, in that order.
// *sqlite.Store implements it.
type EventReader interface {
	ReadPositions(ctx context.Context, positions []uint64) ([]event.Record, error)
}

// Histories answers the histories of items, batches, products and
// enterprises, and items' public cards.
type Histories struct {
	consistency
	model  HistoryModel
	reader EventReader
}

// NewHistories reads model, and the events it lists from reader, once
// progress has reached the client's position.
func NewHistories(model HistoryModel, reader EventReader, progress Progress) *Histories {
	return &Histories{consistency: consistency{progress}, model: model, reader: reader}
}

// ItemHistory is an item's card and a page of the events that touched it;
// Next is as a Page's.
type ItemHistory struct {
	Key    ItemKey
	Card   ItemCard
	Events []event.Record
	Next   uint64
}

// Page is a page of a long history: its events and the position to read on
// after (0 on the last page), in the order the page was asked in.
type Page struct {
	Events []event.Record
	Next   uint64
}

// Item is a page of an item's history with its card, for its holders and
// overseers.
func (h *Histories) Item(ctx context.Context, rd Read, code ident.ItemCode, spec PageSpec) (ItemHistory, error) {
	k, _, err := h.ItemPositions(ctx, rd, code)
	if err != nil {
		return ItemHistory{}, err
	}
	card, _, err := h.model.Card(ctx, k, time.Now())
	if err != nil {
		return ItemHistory{}, fmt.Errorf("read item card: %w", err)
	}
	pg, _, err := h.model.ItemPage(ctx, k, spec)
	if err != nil {
		return ItemHistory{}, fmt.Errorf("read item history: %w", err)
	}
	recs, err := h.read(ctx, pg.Positions)
	if err != nil {
		return ItemHistory{}, err
	}
	return ItemHistory{Key: k, Card: card, Events: recs, Next: pg.Next}, nil
}

// ItemPositions is the item's key and the log positions of its history, for
// its holders and overseers: what an offline bundle is built from.
func (h *Histories) ItemPositions(ctx context.Context, rd Read, code ident.ItemCode) (ItemKey, []uint64, error) {
	if err := h.await(ctx, rd); err != nil {
		return ItemKey{}, nil, err
	}
	k, err := h.itemKey(ctx, rd.Actor, code)
	if err != nil {
		return k, nil, err
	}
	missing := domain.NotFound("code", "no_item_labelled", "no item %s/%s/%s is labelled", k.GTIN, k.Lot, k.Serial)
	positions, ok, err := h.model.Item(ctx, k)
	if err != nil {
		return k, nil, fmt.Errorf("read item history: %w", err)
	}
	if !ok {
		return k, nil, missing
	}
	var held holderRead
	err = access.MayReadGoods(rd.Actor, held.of(func(uscc string) (bool, error) { return h.model.ItemHeldBy(ctx, k, uscc) }))
	if held.err != nil {
		return k, nil, fmt.Errorf("read item holders: %w", held.err)
	}
	if err != nil {
		return k, nil, unseen(err, missing)
	}
	return k, positions, nil
}

// Card is an item's public card, which holds no personal data: anyone may
// read it.
func (h *Histories) Card(ctx context.Context, rd Read, code ident.ItemCode) (ItemCard, error) {
	if err := h.await(ctx, rd); err != nil {
		return ItemCard{}, err
	}
	// The public reads no lot it is not given: a package's code names it.
	k, err := h.itemKey(ctx, access.Actor{}, code)
	if err != nil {
		return ItemCard{}, err
	}
	card, ok, err := h.model.Card(ctx, k, time.Now())
	if err != nil {
		return ItemCard{}, fmt.Errorf("read item card: %w", err)
	}
	if !ok {
		return ItemCard{}, domain.NotFound("code", "no_item_labelled", "no item %s/%s/%s is labelled", k.GTIN, k.Lot, k.Serial)
	}
	return card, nil
}

// ProductCard is a registered product's public page, which holds no personal
// data: anyone may read it.
func (h *Histories) ProductCard(ctx context.Context, rd Read, gtin ident.GTIN) (ProductCard, error) {
	if err := h.await(ctx, rd); err != nil {
		return ProductCard{}, err
	}
	card, ok, err := h.model.ProductCard(ctx, gtin.String(), time.Now())
	if err != nil {
		return ProductCard{}, fmt.Errorf("read product card: %w", err)
	}
	if !ok {
		return ProductCard{}, domain.NotFound("gtin", "product_not_registered", "product %s is not registered", gtin)
	}
	return card, nil
}

// Batch is a page of a batch's history, for its holders and overseers.
func (h *Histories) Batch(ctx context.Context, rd Read, k BatchKey, spec PageSpec) (Page, error) {
	if err := h.await(ctx, rd); err != nil {
		return Page{}, err
	}
	missing := domain.NotFound("lot", "batch_not_known", "batch %s/%s is not known", k.GTIN, k.Lot)
	pg, ok, err := h.model.BatchPage(ctx, k, spec)
	if err != nil {
		return Page{}, fmt.Errorf("read batch history: %w", err)
	}
	if !ok {
		return Page{}, missing
	}
	var held holderRead
	err = access.MayReadGoods(rd.Actor, held.of(func(uscc string) (bool, error) { return h.model.BatchHeldBy(ctx, k, uscc) }))
	if held.err != nil {
		return Page{}, fmt.Errorf("read batch holders: %w", held.err)
	}
	if err != nil {
		return Page{}, unseen(err, missing)
	}
	return h.page(ctx, pg)
}

// Product is a page of a product's history, for its holders and overseers.
func (h *Histories) Product(ctx context.Context, rd Read, gtin14 string, spec PageSpec) (Page, error) {
	if err := h.await(ctx, rd); err != nil {
		return Page{}, err
	}
	missing := domain.NotFound("gtin", "product_not_known", "product %s is not known", gtin14)
	pg, ok, err := h.model.ProductPage(ctx, gtin14, spec)
	if err != nil {
		return Page{}, fmt.Errorf("read product history: %w", err)
	}
	if !ok {
		return Page{}, missing
	}
	var held holderRead
	err = access.MayReadGoods(rd.Actor, held.of(func(uscc string) (bool, error) { return h.model.ProductHeldBy(ctx, gtin14, uscc) }))
	if held.err != nil {
		return Page{}, fmt.Errorf("read product holders: %w", held.err)
	}
	if err != nil {
		return Page{}, unseen(err, missing)
	}
	return h.page(ctx, pg)
}

// Enterprise is a page of the events naming an enterprise: overseers read
// any, an enterprise its own.
func (h *Histories) Enterprise(ctx context.Context, rd Read, uscc string, spec PageSpec) (Page, error) {
	if err := h.await(ctx, rd); err != nil {
		return Page{}, err
	}
	missing := domain.NotFound("uscc", "no_event_names_enterprise", "no event names enterprise %s", uscc)
	if err := access.MayReadEnterpriseHistory(rd.Actor, uscc); err != nil {
		return Page{}, unseen(err, missing)
	}
	pg, ok, err := h.model.EnterprisePage(ctx, uscc, spec)
	if err != nil {
		return Page{}, fmt.Errorf("read enterprise history: %w", err)
	}
	if !ok {
		return Page{}, missing
	}
	return h.page(ctx, pg)
}

func (h *Histories) page(ctx context.Context, pg PositionPage) (Page, error) {
	recs, err := h.read(ctx, pg.Positions)
	if err != nil {
		return Page{}, err
	}
	return Page{Events: recs, Next: pg.Next}, nil
}

// unseen answers a record the actor may not see exactly as a missing one.
func unseen(err, missing error) error {
	if errors.Is(err, access.ErrNotVisible) {
		return missing
	}
	return err
}

func (h *Histories) read(ctx context.Context, positions []uint64) ([]event.Record, error) {
	recs, err := h.reader.ReadPositions(ctx, positions)
	if err != nil {
		return nil, fmt.Errorf("read history events: %w", err)
	}
	return recs, nil
}

// itemKey is the item a code names; a code without a lot (an SGTIN) is
// looked up by serial among the items a may read, and several such lots
// with that serial is a conflict naming only lots a may read.
func (h *Histories) itemKey(ctx context.Context, a access.Actor, c ident.ItemCode) (ItemKey, error) {
	k := ItemKey{GTIN: c.GTIN.String(), Lot: c.Lot.String(), Serial: c.Serial.String()}
	if !c.Lot.IsZero() {
		return k, nil
	}
	labelled, err := h.model.LotsOf(ctx, k.GTIN, k.Serial)
	if err != nil {
		return k, fmt.Errorf("read lots of serial: %w", err)
	}
	var lots []string
	for _, lot := range labelled {
		item := ItemKey{GTIN: k.GTIN, Lot: lot, Serial: k.Serial}
		var held holderRead
		may := access.MayReadGoods(a, held.of(func(uscc string) (bool, error) { return h.model.ItemHeldBy(ctx, item, uscc) }))
		if held.err != nil {
			return k, fmt.Errorf("read item holders: %w", held.err)
		}
		if may == nil {
			lots = append(lots, lot)
		}
	}
	switch len(lots) {
	case 0:
		return k, domain.NotFound("code", "no_item_gtin_has_serial", "no item of GTIN %s has serial %s", k.GTIN, k.Serial)
	case 1:
		k.Lot = lots[0]
		return k, nil
	default:
		return k, domain.ConflictAt("code", "serial_gtin_on_items_lots", "serial %s of GTIN %s is on items of lots %s: send the item's Digital Link, which names its lot",
			k.Serial, k.GTIN, strings.Join(lots, ", "))
	}
}
