package batch

import (
	"fmt"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/ident"
)

// Line is a quantity of unlabelled units of one batch.
type Line struct {
	GTIN     ident.GTIN
	Lot      ident.Lot
	Quantity ident.Quantity
}

// Parcel is what a movement carries of one batch.
type Parcel struct {
	GTIN  ident.GTIN
	Lot   ident.Lot
	Units Units
}

// Stream is the stream of the parcel's batch.
func (p Parcel) Stream() string { return Stream(p.GTIN, p.Lot) }

// Goods are the units one movement (a shipment, a sale, a recall return)
// names: labelled items and quantities, grouped by batch in the order the
// batches first appear. NewGoods is the only way to build them, so Goods
// always name something and name each item once.
type Goods struct{ parcels []Parcel }

// NewGoods groups items (label codes that name a lot) and lines by batch. An
// item given twice is refused at its index in items.
func NewGoods(items []ident.ItemCode, lines []Line) (Goods, error) {
	if len(items) == 0 && len(lines) == 0 {
		return Goods{}, domain.Invalid("items", "give_items_label_codes_or_2", "give items (label codes) or quantities")
	}
	var g Goods
	index := map[string]int{}
	at := func(gtin ident.GTIN, lot ident.Lot) *Parcel {
		k := Stream(gtin, lot)
		i, ok := index[k]
		if !ok {
			i = len(g.parcels)
			index[k] = i
			g.parcels = append(g.parcels, Parcel{GTIN: gtin, Lot: lot})
		}
		return &g.parcels[i]
	}
	seen := make(map[ident.ItemCode]bool, len(items))
	for i, c := range items {
		if seen[c] {
			return Goods{}, domain.Invalid(fmt.Sprintf("items[%d]", i), "item_batch_given_twice", "item %s of batch %s/%s is given twice", c.Serial, c.GTIN, c.Lot)
		}
		seen[c] = true
		p := at(c.GTIN, c.Lot)
		p.Units.Serials = append(p.Units.Serials, c.Serial.String())
	}
	for _, ln := range lines {
		at(ln.GTIN, ln.Lot).Units.Quantity += ln.Quantity.Int64()
	}
	return g, nil
}

// Parcels are the goods by batch.
func (g Goods) Parcels() []Parcel { return g.parcels }

// Streams are the streams of the batches the goods come from.
func (g Goods) Streams() []string {
	out := make([]string, len(g.parcels))
	for i, p := range g.parcels {
		out[i] = p.Stream()
	}
	return out
}

// Count is how many units the goods are.
func (g Goods) Count() int64 {
	var n int64
	for _, p := range g.parcels {
		n += p.Units.Count()
	}
	return n
}
