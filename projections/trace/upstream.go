package trace

import (
	"context"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/modelstore"
)

// Upstream answers where the batch came from, with its current holders.
// The graph runs from the origin country through each customs declaration
// (a clearance edge once customs released it) to the importer, or straight
// to the manufacturer for domestic goods.
func (p *Projection) Upstream(_ context.Context, gtin, lot string, names query.Names) (query.TraceGraph, error) {
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
	nc := newNameCache(names, 8)
	t, err := p.base(b, rows, query.Upstream, nc)
	if err != nil {
		return query.TraceGraph{}, err
	}
	o := &query.TraceOrigin{Source: query.TraceSource{USCC: b.Owner, Name: nc.name(b.Owner), Role: ownerKind(b), RegisteredAt: at(b.RegisteredAt)},
		OriginCountry: b.Origin, Imported: b.Imported, Customs: []query.TraceCustoms{}, MarketInspections: []query.TraceInspection{}}
	originID := NodeOrigin + ":" + b.Origin
	t.Nodes = []query.TraceNode{{ID: originID, Kind: NodeOrigin, Name: b.Origin},
		{ID: b.Owner, Kind: ownerKind(b), USCC: b.Owner, Name: nc.name(b.Owner)}}
	t.Edges = []query.TraceEdge{}
	if !b.Imported {
		t.Edges = append(t.Edges, query.TraceEdge{From: originID, To: b.Owner, Kind: EdgeProduce, Units: b.Quantity,
			FirstAt: at(b.RegisteredAt), LastAt: at(b.RegisteredAt)})
	}
	for _, no := range b.Declarations {
		d, err := readJSON[Declaration](p.m, modelstore.Key(pDeclaration, no))
		if err != nil {
			return query.TraceGraph{}, err
		}
		if d == nil {
			continue
		}
		cv := p.customsView(no, d, b, nc)
		o.Customs = append(o.Customs, cv)
		cid := NodeCustoms + ":" + no
		t.Nodes = append(t.Nodes, query.TraceNode{ID: cid, Kind: NodeCustoms, Name: d.Port})
		t.Edges = append(t.Edges, query.TraceEdge{From: originID, To: cid, Kind: EdgeImport, Units: cv.Quantity, FirstAt: cv.DeclaredAt, LastAt: cv.DeclaredAt})
		if cv.Decision == batch.DecisionReleased {
			t.Edges = append(t.Edges, query.TraceEdge{From: cid, To: b.Owner, Kind: EdgeClear, Units: cv.Quantity, FirstAt: *cv.DecidedAt, LastAt: *cv.DecidedAt})
		}
	}
	if c := b.Clearance; c != nil {
		o.Clearance = &query.TraceClearance{DeclarationNo: c.DeclarationNo, Decision: c.Decision, Reason: c.Reason, At: at(c.At)}
	}
	for _, in := range b.Inspections {
		o.MarketInspections = append(o.MarketInspections, query.TraceInspection{USCC: in.USCC, Name: nc.name(in.USCC), Result: in.Result, Findings: in.Findings, At: at(in.At)})
	}
	t.Upstream = o
	p.transformations(b, true, &t, nc)
	return t, nil
}

// customsView is a declaration as it concerns batch b: b's lines added up,
// and b's own clearance where the declaration's decision is not yet known.
func (p *Projection) customsView(no string, d *Declaration, b *Batch, nc *nameCache) query.TraceCustoms {
	cv := query.TraceCustoms{DeclarationNo: no, Port: d.Port, ImporterUSCC: d.Importer, ImporterName: nc.name(d.Importer),
		DeclaredAt: at(d.DeclaredAt), Inspections: []query.TraceCustomsInspection{}, Decision: d.Decision, Reason: d.Reason}
	for _, ln := range d.Lines {
		if ln.GTIN == b.GTIN && ln.Lot == b.Lot {
			cv.Quantity += ln.Quantity
			cv.HSCode, cv.OriginCountry = ln.HSCode, ln.OriginCountry
		}
	}
	for _, in := range d.Inspections {
		cv.Inspections = append(cv.Inspections, query.TraceCustomsInspection{Result: in.Result, Findings: in.Findings, At: at(in.At)})
	}
	decided := d.DecidedAt
	if c := b.Clearance; c != nil && c.DeclarationNo == no {
		cv.Decision, cv.Reason, decided = c.Decision, c.Reason, c.At
	}
	if cv.Decision != "" {
		t := at(decided)
		cv.DecidedAt = &t
	}
	return cv
}
