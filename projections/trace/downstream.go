package trace

import (
	"context"
	"slices"
	"strings"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// Downstream answers where every unit of the batch is now (per holder,
// each unit once) and the graph of moves that took it there. It is the
// function the HTTP handler and the benchmark call.
func (p *Projection) Downstream(_ context.Context, gtin, lot string, names query.Names) (query.TraceGraph, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b, err := p.batch(gtin, lot)
	if err != nil {
		return query.TraceGraph{}, err
	}
	if b == nil {
		return query.TraceGraph{}, notFound(gtin, lot)
	}
	rows, err := p.rows(gtin, lot)
	if err != nil {
		return query.TraceGraph{}, err
	}
	nc := newNameCache(names, len(rows))
	t, err := p.base(b, rows, query.Downstream, nc)
	if err != nil {
		return query.TraceGraph{}, err
	}
	moves, err := p.moves(b)
	if err != nil {
		return query.TraceGraph{}, err
	}
	t.Nodes, t.Edges = p.graph(b, rows, moves, nc)
	p.transformations(b, false, &t, nc)
	return t, nil
}

func notFound(gtin, lot string) error {
	return domain.NotFound("lot", "batch_not_registered", "batch %s/%s is not registered", gtin, lot)
}

// base fills what both directions answer: the batch, its holders (rows:
// the batch's holder rows), totals.
func (p *Projection) base(b *Batch, rows []holderRow, direction string, nc *nameCache) (query.TraceGraph, error) {
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
	tallies := p.tallies(rows)
	containers, err := p.containers(b.GTIN, b.Lot, nil)
	if err != nil {
		return query.TraceGraph{}, err
	}
	t.Holders = make([]query.TraceHolder, len(tallies))
	t.Totals.Quantity = b.Quantity
	for i, tl := range tallies {
		t.Holders[i] = query.TraceHolder{USCC: tl.USCC, Name: nc.name(tl.USCC), InStock: tl.InStock, InTransit: tl.InTransit,
			Sold: tl.Sold, Returned: tl.Returned, Destroyed: tl.Destroyed, Consumed: tl.Consumed}
		if h, ok := p.hs.lookup(tl.USCC); ok {
			t.Holders[i].Containers = containers[h]
		}
		t.Totals.InStock += tl.InStock
		t.Totals.InTransit += tl.InTransit
		t.Totals.Sold += tl.Sold
		t.Totals.Returned += tl.Returned
		t.Totals.Destroyed += tl.Destroyed
		t.Totals.Consumed += tl.Consumed
	}
	return t, nil
}

type edgeKey struct {
	from, to holder
	sale     bool
}

// graph derives the downstream nodes and edges from the batch's moves:
// one edge per sender and receiver (and per seller to the consumers), in
// the order goods first went that way. A first pass sizes every edge, so
// the answer is built without growing slices (the benchmark's batch has
// thousands of edges).
func (p *Projection) graph(b *Batch, rows []holderRow, moves []move, nc *nameCache) ([]query.TraceNode, []query.TraceEdge) {
	hs := &p.hs
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
			e.From, e.To, e.Kind, e.FirstAt, e.LastAt = hs.uscc(m.By), ConsumersID, EdgeSale, at(m.At), at(m.At)
			if !ek.sale {
				e.To, e.Kind = hs.uscc(m.To), EdgeShipment
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
	involved := make([]bool, len(hs.list))
	for _, r := range rows {
		involved[r.h] = true
	}
	for ek := range index {
		involved[ek.from] = true
		if !ek.sale {
			involved[ek.to] = true
		}
	}
	var others []string
	for h, ok := range involved {
		if u := hs.uscc(holder(h)); ok && u != b.Owner {
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
func edgeOf(m *move) (edgeKey, bool) {
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
