package command

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/ident"
)

// goodsOf parses label codes and quantity lines, naming the field of the
// first malformed entry, and lets the domain group them (batch.NewGoods).
func goodsOf(items []string, lines []QuantityLine) (batch.Goods, error) {
	codes, err := parseItems(items)
	if err != nil {
		return batch.Goods{}, err
	}
	ls := make([]batch.Line, len(lines))
	for i, ln := range lines {
		g, err := parseGTIN(subField("lines", i, "gtin"), ln.GTIN)
		if err != nil {
			return batch.Goods{}, err
		}
		l, err := parseLot(subField("lines", i, "lot"), ln.Lot)
		if err != nil {
			return batch.Goods{}, err
		}
		q, err := parseQuantity(subField("lines", i, "quantity"), ln.Quantity)
		if err != nil {
			return batch.Goods{}, err
		}
		ls[i] = batch.Line{GTIN: g, Lot: l, Quantity: q}
	}
	return batch.NewGoods(codes, ls)
}

// parseItems parses label codes, each of which must name a lot.
func parseItems(items []string) ([]ident.ItemCode, error) {
	codes := make([]ident.ItemCode, len(items))
	for i, code := range items {
		c, err := parseItem(fieldIndex("items", i), code)
		if err != nil {
			return nil, err
		}
		codes[i] = c
	}
	return codes, nil
}

// batchRef names a batch a command was given.
type batchRef struct {
	g ident.GTIN
	l ident.Lot
}
