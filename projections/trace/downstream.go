package trace

import (
	"slices"
	"strings"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// Downstream answers where every unit of the batch is now (per holder,
// each unit once) and the graph of moves that took it there. It is the
// function the HTTP handler and the benchmark call.
func (p *Projection) Downstream(gtin, lot string, names query.Names) (query.TraceGraph, error) {
	p.RLock()
	defer p.RUnlock()
	b := p.batch(gtin, lot)
	if b == nil {
		return query.TraceGraph{}, notFound(gtin, lot)
	}
	nc := newNameCache(names, len(b.Units.Holdings))
	t := p.base(b, query.Downstream, nc)
	t.Nodes, t.Edges = p.graph(b, nc)
	p.transformations(b, false, &t, nc)
	return t, nil
}

func notFound(gtin, lot string) error {
	return domain.NotFound("lot", "batch_not_registered", "batch %s/%s is not registered", gtin, lot)
}

// base fills what both directions answer: the batch, its holders, totals.
func (p *Projection) base(b *Batch, direction string, nc *nameCache) query.TraceGraph {
	t := query.TraceGraph{GTIN: b.GTIN, Lot: b.Lot, Direction: direction, Batch: query.TraceBatch{
		OwnerUSCC: b.Owner, OwnerName: nc.name(b.Owner), OriginCountry: b.Origin, Imported: b.Imported,
		Quantity: b.Quantity, ProducedOn: b.ProducedOn, ExpiresOn: b.ExpiresOn, RegisteredAt: at(b.RegisteredAt),
		Recalls: []query.TraceRecall{},
	}}
	if b.Clearance != nil {
		t.Batch.Customs = b.Clearance.Decision
	}
	for _, r := range b.Recalls {
		t.Batch.Recalls = append(t.Batch.Recalls, query.TraceRecall{RecallID: r.RecallID, Level: r.Level, At: at(r.At)})
	}
	tallies := b.Units.Tallies(p.State().Holders)
	t.Holders = make([]query.TraceHolder, len(tallies))
	t.Totals.Quantity = b.Quantity
	for i, tl := range tallies {
		t.Holders[i] = query.TraceHolder{USCC: tl.USCC, Name: nc.name(tl.USCC), InStock: tl.InStock, InTransit: tl.InTransit,
			Sold: tl.Sold, Returned: tl.Returned, Destroyed: tl.Destroyed, Consumed: tl.Consumed}
		if h, ok := p.State().Holders.Lookup(tl.USCC); ok && len(b.Units.Container) > 0 {
			t.Holders[i].Containers = b.Units.ContainersAt(h)
		}
		t.Totals.InStock += tl.InStock
		t.Totals.InTransit += tl.InTransit
		t.Totals.Sold += tl.Sold
		t.Totals.Returned += tl.Returned
		t.Totals.Destroyed += tl.Destroyed
		t.Totals.Consumed += tl.Consumed
	}
	return t
}

type edgeKey struct {
	from, to unitstate.Holder
	sale     bool
}

// graph derives the downstream nodes and edges from the batch's moves:
// one edge per sender and receiver (and per seller to the consumers), in
// the order goods first went that way. A first pass sizes every edge, so
// the answer is built without growing slices (the benchmark's batch has
// thousands of edges).
func (p *Projection) graph(b *Batch, nc *nameCache) ([]query.TraceNode, []query.TraceEdge) {
	hs := p.State().Holders
	moves := b.Units.Moves
	index := map[edgeKey]int32{}
	var counts []int32
	sold := false
	for k := range moves {
		ek, ok := edgeOf(&moves[k])
		if !ok {
			continue
		}
		sold = sold || ek.sale
		i, seen := index[ek]
		if !seen {
			i = int32(len(counts))
			index[ek] = i
			counts = append(counts, 0)
		}
		counts[i]++
	}
	edges := make([]query.TraceEdge, len(counts))
	first := make([]bool, len(counts))
	// Every edge's shipments and waybills share two backing arrays.
	var total int
	for _, n := range counts {
		total += int(n)
	}
	shipments, waybills := make([]string, 0, total), make([]string, 0, total)
	for k := range moves {
		m := &moves[k]
		ek, ok := edgeOf(m)
		if !ok {
			continue
		}
		i := index[ek]
		e := &edges[i]
		if !first[i] {
			first[i] = true
			e.From, e.To, e.Kind, e.FirstAt, e.LastAt = hs.USCC(m.By), ConsumersID, EdgeSale, at(m.At), at(m.At)
			if !ek.sale {
				e.To, e.Kind = hs.USCC(m.To), EdgeShipment
				n := len(shipments)
				shipments, waybills = shipments[:n+int(counts[i])], waybills[:n+int(counts[i])]
				e.Shipments, e.Waybills = shipments[n:n:n+int(counts[i])], waybills[n:n:n+int(counts[i])]
			}
		}
		e.Units += m.Units()
		if t := at(m.At); t.Before(e.FirstAt) {
			e.FirstAt = t
		} else if t.After(e.LastAt) {
			e.LastAt = t
		}
		if !ek.sale {
			e.Shipments = append(e.Shipments, m.Ref)
			e.Waybills = append(e.Waybills, m.Waybill)
		}
	}
	for i := range edges {
		slices.Sort(edges[i].Waybills)
		edges[i].Waybills = slices.Compact(edges[i].Waybills)
	}
	// Every enterprise that held units: holdings and both ends of moves.
	involved := make([]bool, hs.Len())
	for h := range b.Units.Holdings {
		involved[h] = true
	}
	for ek := range index {
		involved[ek.from] = true
		if !ek.sale {
			involved[ek.to] = true
		}
	}
	var others []string
	for h, ok := range involved {
		if u := hs.USCC(unitstate.Holder(h)); ok && u != b.Owner {
			others = append(others, u)
		}
	}
	slices.SortFunc(others, strings.Compare)
	nodes := make([]query.TraceNode, 0, len(others)+2)
	nodes = append(nodes, query.TraceNode{ID: b.Owner, Kind: ownerKind(b), USCC: b.Owner, Name: nc.name(b.Owner)})
	for _, u := range others {
		nodes = append(nodes, query.TraceNode{ID: u, Kind: NodeEnterprise, USCC: u, Name: nc.name(u)})
	}
	if sold {
		nodes = append(nodes, query.TraceNode{ID: ConsumersID, Kind: NodeConsumers, Name: "consumers"})
	}
	return nodes, edges
}

// edgeOf says which edge a move adds to: shipments and sales make edges.
func edgeOf(m *unitstate.Move) (edgeKey, bool) {
	switch m.Kind {
	case unitstate.KindShipped:
		return edgeKey{from: m.By, to: m.To}, true
	case unitstate.KindSold:
		return edgeKey{from: m.By, sale: true}, true
	}
	return edgeKey{}, false
}

func ownerKind(b *Batch) string {
	if b.Imported {
		return NodeImporter
	}
	return NodeManufacturer
}
