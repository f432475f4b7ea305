package trace

import (
	"time"

	"github.com/traceledger/traceledger/domain/batch"
)

// Origin is the upstream part of a trace: who produced or imported the
// batch, the customs declarations naming it with their port, inspections and
// decision, the batch's clearance, and the market inspections of it.
type Origin struct {
	Source            Source           `json:"source"`
	OriginCountry     string           `json:"origin_country"`
	Imported          bool             `json:"imported"`
	Customs           []CustomsView    `json:"customs"`
	Clearance         *ClearanceView   `json:"clearance,omitempty"`
	MarketInspections []InspectionView `json:"market_inspections"`
}

// Source is the batch's importer or manufacturer and its registration.
type Source struct {
	USCC         string    `json:"uscc"`
	Name         string    `json:"name"`
	Role         string    `json:"role"`
	RegisteredAt time.Time `json:"registered_at"`
}

// CustomsView is one declaration naming the batch, with the batch's line.
type CustomsView struct {
	DeclarationNo string                  `json:"declaration_no"`
	Port          string                  `json:"port"`
	ImporterUSCC  string                  `json:"importer_uscc"`
	ImporterName  string                  `json:"importer_name"`
	DeclaredAt    time.Time               `json:"declared_at"`
	Quantity      int64                   `json:"quantity"`
	HSCode        string                  `json:"hs_code"`
	OriginCountry string                  `json:"origin_country"`
	Inspections   []CustomsInspectionView `json:"inspections"`
	Decision      string                  `json:"decision,omitempty"`
	Reason        string                  `json:"reason,omitempty"`
	DecidedAt     *time.Time              `json:"decided_at,omitempty"`
}

// CustomsInspectionView is a customs inspection result.
type CustomsInspectionView struct {
	Result   string    `json:"result"`
	Findings string    `json:"findings,omitempty"`
	At       time.Time `json:"at"`
}

// ClearanceView is customs' release or rejection of the batch.
type ClearanceView struct {
	DeclarationNo string    `json:"declaration_no"`
	Decision      string    `json:"decision"`
	Reason        string    `json:"reason,omitempty"`
	At            time.Time `json:"at"`
}

// InspectionView is a market inspection of the batch at an enterprise.
type InspectionView struct {
	USCC     string    `json:"uscc"`
	Name     string    `json:"name"`
	Result   string    `json:"result"`
	Findings string    `json:"findings,omitempty"`
	At       time.Time `json:"at"`
}

// Upstream answers where the batch came from, with its current holders.
// The graph runs from the origin country through each customs declaration
// (a clearance edge once customs released it) to the importer, or straight
// to the manufacturer for domestic goods.
func (p *Projection) Upstream(gtin, lot string, names Names) (Trace, error) {
	p.RLock()
	defer p.RUnlock()
	b := p.batch(gtin, lot)
	if b == nil {
		return Trace{}, notFound(gtin, lot)
	}
	nc := newNameCache(names, 8)
	t := p.base(b, Upstream, nc)
	o := &Origin{Source: Source{USCC: b.Owner, Name: nc.name(b.Owner), Role: ownerKind(b), RegisteredAt: at(b.RegisteredAt)},
		OriginCountry: b.Origin, Imported: b.Imported, Customs: []CustomsView{}, MarketInspections: []InspectionView{}}
	originID := NodeOrigin + ":" + b.Origin
	t.Nodes = []Node{{ID: originID, Kind: NodeOrigin, Name: b.Origin},
		{ID: b.Owner, Kind: ownerKind(b), USCC: b.Owner, Name: nc.name(b.Owner)}}
	t.Edges = []Edge{}
	if !b.Imported {
		t.Edges = append(t.Edges, Edge{From: originID, To: b.Owner, Kind: EdgeProduce, Units: b.Quantity,
			FirstAt: at(b.RegisteredAt), LastAt: at(b.RegisteredAt)})
	}
	for _, no := range b.Declarations {
		d := p.State().Declarations[no]
		if d == nil {
			continue
		}
		cv := p.customsView(no, d, b, nc)
		o.Customs = append(o.Customs, cv)
		cid := NodeCustoms + ":" + no
		t.Nodes = append(t.Nodes, Node{ID: cid, Kind: NodeCustoms, Name: d.Port})
		t.Edges = append(t.Edges, Edge{From: originID, To: cid, Kind: EdgeImport, Units: cv.Quantity, FirstAt: cv.DeclaredAt, LastAt: cv.DeclaredAt})
		if cv.Decision == batch.DecisionReleased {
			t.Edges = append(t.Edges, Edge{From: cid, To: b.Owner, Kind: EdgeClear, Units: cv.Quantity, FirstAt: *cv.DecidedAt, LastAt: *cv.DecidedAt})
		}
	}
	if c := b.Clearance; c != nil {
		o.Clearance = &ClearanceView{DeclarationNo: c.DeclarationNo, Decision: c.Decision, Reason: c.Reason, At: at(c.At)}
	}
	for _, in := range b.Inspections {
		o.MarketInspections = append(o.MarketInspections, InspectionView{USCC: in.USCC, Name: nc.name(in.USCC), Result: in.Result, Findings: in.Findings, At: at(in.At)})
	}
	t.Upstream = o
	return t, nil
}

// customsView is a declaration as it concerns batch b: b's lines added up,
// and b's own clearance where the declaration's decision is not yet known.
func (p *Projection) customsView(no string, d *Declaration, b *Batch, nc *nameCache) CustomsView {
	cv := CustomsView{DeclarationNo: no, Port: d.Port, ImporterUSCC: d.Importer, ImporterName: nc.name(d.Importer),
		DeclaredAt: at(d.DeclaredAt), Inspections: []CustomsInspectionView{}, Decision: d.Decision, Reason: d.Reason}
	for _, ln := range d.Lines {
		if ln.GTIN == b.GTIN && ln.Lot == b.Lot {
			cv.Quantity += ln.Quantity
			cv.HSCode, cv.OriginCountry = ln.HSCode, ln.OriginCountry
		}
	}
	for _, in := range d.Inspections {
		cv.Inspections = append(cv.Inspections, CustomsInspectionView{Result: in.Result, Findings: in.Findings, At: at(in.At)})
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
