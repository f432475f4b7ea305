package command

import (
	"github.com/traceledger/traceledger/domain/ident"
)

// eventGoodsSet is an event's items (parsed) and quantity lines; for a
// transformation, codes are its inputs' and outputs' items together.
type eventGoodsSet struct {
	codes           []ident.ItemCode
	lines           []QuantityLine
	inputs, outputs []ident.ItemCode
	returnCommand   string
}

type batchGoods struct {
	g, l     string
	serials  []string
	codes    []string
	quantity int64
}

// eventGoods parses the event's items; a commissioning SGTIN (or a
// transformation's output SGTIN) takes the ilmd's lot. For an event that
// maps to a command every item must name its batch; for one only recorded,
// items that do not are left out of its goods (they stay in its EPCs).
func eventGoods(ev EPCISEvent, strict bool) (eventGoodsSet, error) {
	s := eventGoodsSet{lines: ev.Lines}
	var err error
	switch ev.Type {
	case "TransformationEvent":
		if s.inputs, err = itemsOfList(ev.InputItems, "inputEPCList", "", strict); err != nil {
			return s, err
		}
		if s.outputs, err = itemsOfList(ev.OutputItems, "outputEPCList", ev.Lot, strict); err != nil {
			return s, err
		}
		s.codes = append(append(s.codes, s.inputs...), s.outputs...)
		s.lines = append(append([]QuantityLine(nil), ev.InputLines...), ev.OutputLines...)
		return s, nil
	case "AggregationEvent":
		s.codes, err = itemsOfList(ev.Items, "childEPCs", "", strict)
		return s, err
	}
	s.codes, err = itemsOfList(ev.Items, "epcList", ev.Lot, strict)
	return s, err
}

// itemsOfList parses the items of an EPCIS list; an item without a lot
// takes lot (the ilmd's) when there is one.
func itemsOfList(items []string, list, lot string, strict bool) ([]ident.ItemCode, error) {
	var out []ident.ItemCode
	for i, it := range items {
		field := fieldIndex(list, i)
		c, err := parseWith(field, it, ident.ParseItemCode)
		if err != nil && !strict {
			continue
		}
		if err != nil {
			return nil, err
		}
		if c.Lot.IsZero() && lot != "" {
			if c.Lot, err = parseLot("ilmd.lotNumber", lot); err != nil {
				return nil, err
			}
		}
		if c.Lot.IsZero() && !strict {
			continue
		}
		if c.Lot.IsZero() {
			return nil, refuse("item_without_lot", field, "%s names no lot: give the item as a Digital Link with (10), or the lot in ilmd when commissioning", it)
		}
		out = append(out, c)
	}
	return out, nil
}

func (s eventGoodsSet) itemCodes() []string { return paths(s.codes) }

func paths(codes []ident.ItemCode) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
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
