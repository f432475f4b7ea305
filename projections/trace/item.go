package trace

import (
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
// none): the GTIN's batches are then searched for the serial, in lot order.
func (p *Projection) ItemPath(gtin, lot, serial string, names query.Names) (query.ItemPath, error) {
	p.RLock()
	defer p.RUnlock()
	lots := []string{lot}
	if lot == "" {
		lots = p.State().lots[gtin]
	}
	for _, l := range lots {
		b := p.batch(gtin, l)
		if b == nil {
			continue
		}
		if i, holder, st, ok := b.Units.Item(serial); ok {
			return p.itemPath(b, i, holder, st, serial, newNameCache(names, 8)), nil
		}
	}
	return query.ItemPath{}, domain.NotFound("code", "item_gtin_not_labelled", "item %s of GTIN %s is not labelled", serial, gtin)
}

func (p *Projection) itemPath(b *Batch, i int32, holder unitstate.Holder, st batch.State, serial string, nc *nameCache) query.ItemPath {
	hs := p.State().Holders
	out := query.ItemPath{GTIN: b.GTIN, Lot: b.Lot, Serial: serial, State: StateName(st), HolderUSCC: hs.USCC(holder), Steps: []query.PathStep{}}
	out.HolderName = nc.name(out.HolderUSCC)
	out.Container = b.Units.Container[i]
	g, _ := ident.ParseGTIN(b.GTIN)
	l, _ := ident.ParseLot(b.Lot)
	s, _ := ident.ParseSerial(serial)
	out.Code = ident.ItemCode{GTIN: g, Lot: l, Serial: s}.Path()
	seen := map[string]bool{}
	involve := func(u string) {
		if !seen[u] {
			seen[u] = true
			out.Involved = append(out.Involved, u)
		}
	}
	for _, m := range b.Units.Path(i) {
		by := hs.USCC(m.By)
		involve(by)
		switch m.Kind {
		case unitstate.KindShipped:
			to := hs.USCC(m.To)
			involve(to)
			out.Steps = append(out.Steps, query.PathStep{Kind: m.Kind.String(), At: at(m.At), From: by, FromName: nc.name(by), To: to, ToName: nc.name(to), ShipmentID: m.Ref, Waybill: m.Waybill, Container: m.Packed[i]})
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
	return out
}
