package trace

import (
	"context"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// StateName spells a unit's state as the API does.
func StateName(s batch.State) string {
	switch s {
	case batch.StateInStock:
		return "in_stock"
	case batch.StateInTransit:
		return "in_transit"
	case batch.StateSold:
		return "sold"
	case batch.StateReturned:
		return "returned"
	case batch.StateDestroyed:
		return "destroyed"
	case batch.StateConsumed:
		return "consumed"
	}
	return "unknown"
}

// ItemPath answers an item's path. lot may be empty (an SGTIN carries
// none): the first of the GTIN's lots (in lot order) that labelled the
// serial is then read. It reads the item's row and the row of each move
// that carried it.
func (p *Projection) ItemPath(_ context.Context, gtin, lot, serial string, names query.Names) (query.ItemPath, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	lots := []string{lot}
	if lot == "" {
		var err error
		if lots, err = p.lotsOf(gtin, serial); err != nil {
			return query.ItemPath{}, err
		}
	}
	for _, l := range lots {
		b, err := readBatch(p.m, gtin, l)
		if err != nil {
			return query.ItemPath{}, err
		}
		if b == nil {
			continue
		}
		k := itemKey(b.No, serial)
		v, ok, err := p.m.Get(k)
		if err != nil {
			return query.ItemPath{}, err
		}
		if !ok {
			continue
		}
		it, good := decodeItem(v)
		if !good {
			return query.ItemPath{}, corrupt("item", k)
		}
		return p.itemPath(b, it, serial, newNameCache(names, 8))
	}
	return query.ItemPath{}, domain.NotFound("code", "item_gtin_not_labelled", "item %s of GTIN %s is not labelled", serial, gtin)
}

func (p *Projection) itemPath(b *Batch, it *itemRec, serial string, nc *nameCache) (query.ItemPath, error) {
	gtin, lot := b.GTIN, b.Lot
	hs := &p.hs
	out := query.ItemPath{GTIN: gtin, Lot: lot, Serial: serial, State: StateName(it.state), HolderUSCC: hs.uscc(it.holder), Steps: []query.PathStep{}}
	out.HolderName = nc.name(out.HolderUSCC)
	out.Container = it.container
	g, _ := ident.ParseGTIN(gtin)
	l, _ := ident.ParseLot(lot)
	s, _ := ident.ParseSerial(serial)
	out.Code = ident.ItemCode{GTIN: g, Lot: l, Serial: s}.Path()
	seen := map[string]bool{}
	involve := func(u string) {
		if !seen[u] {
			seen[u] = true
			out.Involved = append(out.Involved, u)
		}
	}
	for _, ref := range it.moves {
		k := seqKey(pMove, b.No, ref.seq)
		v, ok, err := p.m.Get(k)
		if err != nil {
			return query.ItemPath{}, err
		}
		m, good := decodeMove(v)
		if !ok || !good {
			return query.ItemPath{}, corrupt("move", k)
		}
		by := hs.uscc(m.By)
		involve(by)
		switch m.Kind {
		case unitstate.KindShipped:
			to := hs.uscc(m.To)
			involve(to)
			out.Steps = append(out.Steps, query.PathStep{Kind: m.Kind.String(), At: at(m.At), From: by, FromName: nc.name(by), To: to, ToName: nc.name(to), ShipmentID: m.Ref, Waybill: m.Waybill, Container: ref.packed})
			if m.Received {
				out.Steps = append(out.Steps, query.PathStep{Kind: "received", At: at(m.ReceivedAt), USCC: to, Name: nc.name(to), ShipmentID: m.Ref, Waybill: m.Waybill})
			}
		case unitstate.KindSold:
			out.Steps = append(out.Steps, query.PathStep{Kind: m.Kind.String(), At: at(m.At), USCC: by, Name: nc.name(by), Channel: m.Ref})
		case unitstate.KindConsumed:
			out.Steps = append(out.Steps, query.PathStep{Kind: m.Kind.String(), At: at(m.At), USCC: by, Name: nc.name(by), TransformationID: m.Ref})
		case unitstate.KindReturned, unitstate.KindDestroyed:
			out.Steps = append(out.Steps, query.PathStep{Kind: m.Kind.String(), At: at(m.At), USCC: by, Name: nc.name(by), RecallID: m.Ref})
		default:
			out.Steps = append(out.Steps, query.PathStep{Kind: m.Kind.String(), At: at(m.At), USCC: by, Name: nc.name(by)})
		}
	}
	return out, nil
}
