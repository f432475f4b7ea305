package command

import (
	"context"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/product"
)

// sell records a sale to consumers by a retailer or e-commerce enterprise.
func (h *Handlers) sell(ctx context.Context, a access.Actor, in Sell) (Outcome, error) {
	seller, err := actingAs(a, "seller_uscc", in.SellerUSCC)
	if err != nil {
		return Outcome{}, err
	}
	goods, err := goodsOf(in.Items, in.Lines)
	if err != nil {
		return Outcome{}, err
	}
	reads := []string{enterprise.Stream(seller)}
	for _, p := range goods.Parcels() {
		reads = append(reads, product.Stream(p.GTIN))
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), goods.Streams(), reads)
	defer unit.end()
	e, err := registered(ctx, unit, seller, "seller_uscc")
	if err != nil {
		return Outcome{}, err
	}
	if err := e.MaySell("seller_uscc"); err != nil {
		return Outcome{}, err
	}
	for _, parcel := range goods.Parcels() {
		p, err := registeredProduct(ctx, unit, parcel.GTIN, "items")
		if err != nil {
			return Outcome{}, err
		}
		b, err := loadBatch(ctx, unit, parcel.GTIN, parcel.Lot)
		if err != nil {
			return Outcome{}, err
		}
		terms := batch.SaleTerms{Certificate: p.Status(unit.now)}
		terms.Now = unit.now
		if err := b.Sell(seller, in.Channel, parcel.Units, terms); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commit(ctx)
}
