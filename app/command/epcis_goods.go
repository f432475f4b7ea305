package command

import (
	"github.com/traceledger/traceledger/domain/ident"
)

// eventGoodsSet is an event's items (parsed) and quantity lines.
type eventGoodsSet struct {
	codes         []ident.ItemCode
	lines         []QuantityLine
	returnCommand string
}

type batchGoods struct {
	g, l     string
	serials  []string
	codes    []string
	quantity int64
}

// eventGoods parses the event's items; a commissioning SGTIN takes the
// ilmd's lot. For an event that maps to a command every item must name its
// batch; for one only recorded, items that do not are left out of its
// goods (they stay in its EPCs).
func eventGoods(ev EPCISEvent, strict bool) (eventGoodsSet, error) {
	s := eventGoodsSet{lines: ev.Lines}
	for i, it := range ev.Items {
		field := fieldIndex("epcList", i)
		c, err := parseWith(field, it, ident.ParseItemCode)
		if err != nil && !strict {
			continue
		}
		if err != nil {
			return s, err
		}
		if c.Lot.IsZero() && ev.Lot != "" {
			if c.Lot, err = parseLot("ilmd.lotNumber", ev.Lot); err != nil {
				return s, err
			}
		}
		if c.Lot.IsZero() && !strict {
			continue
		}
		if c.Lot.IsZero() {
			return s, refuse("item_without_lot", field, "%s names no lot: give the item as a Digital Link with (10), or the lot in ilmd when commissioning", it)
		}
		s.codes = append(s.codes, c)
	}
	return s, nil
}

func (s eventGoodsSet) itemCodes() []string {
	out := make([]string, len(s.codes))
	for i, c := range s.codes {
		out[i] = c.Path()
	}
	return out
}

// byBatch groups the goods by batch, in the order they first appear.
func (s eventGoodsSet) byBatch() []*batchGoods {
	var out []*batchGoods
	idx := map[string]*batchGoods{}
	get := func(g, l string) *batchGoods {
		k := g + "/" + l
		if b, ok := idx[k]; ok {
			return b
		}
		b := &batchGoods{g: g, l: l}
		idx[k] = b
		out = append(out, b)
		return b
	}
	for _, c := range s.codes {
		b := get(c.GTIN.String(), c.Lot.String())
		b.serials = append(b.serials, c.Serial.String())
		b.codes = append(b.codes, c.Path())
	}
	for _, ln := range s.lines {
		b := get(ln.GTIN, ln.Lot)
		b.quantity += ln.Quantity
	}
	return out
}

func (s eventGoodsSet) batchNames() []string {
	var out []string
	for _, b := range s.byBatch() {
		out = append(out, b.g+"/"+b.l)
	}
	return out
}
