package command

import (
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/ident"
)

// batchUnits are the units of one batch a command moves.
type batchUnits struct {
	gtin  ident.GTIN
	lot   ident.Lot
	units batch.Units
}

func (b batchUnits) stream() string { return batch.Stream(b.gtin, b.lot) }

// goodsOf groups label codes and quantity lines by batch, in the order the
// batches first appear, naming the field of the first bad entry.
func goodsOf(items []string, lines []QuantityLine) ([]batchUnits, error) {
	if len(items) == 0 && len(lines) == 0 {
		return nil, domain.Invalid("items", "give items (label codes) or lines")
	}
	var out []batchUnits
	index := map[string]int{}
	at := func(g ident.GTIN, l ident.Lot) *batchUnits {
		k := batch.Stream(g, l)
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, batchUnits{gtin: g, lot: l})
		}
		return &out[i]
	}
	seen := map[ident.ItemCode]bool{}
	for i, code := range items {
		c, err := parseItem(fieldIndex("items", i), code)
		if err != nil {
			return nil, err
		}
		if seen[c] {
			return nil, domain.Invalid(fieldIndex("items", i), "item %s is given twice", code)
		}
		seen[c] = true
		b := at(c.GTIN, c.Lot)
		b.units.Serials = append(b.units.Serials, c.Serial.String())
	}
	for i, ln := range lines {
		g, err := parseGTIN(subField("lines", i, "gtin"), ln.GTIN)
		if err != nil {
			return nil, err
		}
		l, err := parseLot(subField("lines", i, "lot"), ln.Lot)
		if err != nil {
			return nil, err
		}
		q, err := parseQuantity(subField("lines", i, "quantity"), ln.Quantity)
		if err != nil {
			return nil, err
		}
		at(g, l).units.Quantity += q.Int64()
	}
	return out, nil
}

func streamsOf(goods []batchUnits) []string {
	out := make([]string, len(goods))
	for i, g := range goods {
		out[i] = g.stream()
	}
	return out
}
