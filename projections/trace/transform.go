package trace

import (
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/transformation"
)

// maxTransformEdges bounds the transformation edges one trace walks.
const maxTransformEdges = 500

// transformed records a transformation and links its inputs and outputs.
func (p *Projection) transformed(ev transformation.Recorded, at int64, pos uint64) {
	s := p.State()
	if s.Transformations[ev.TransformationID] != nil {
		return
	}
	s.Transformations[ev.TransformationID] = &Transformation{Transformer: ev.TransformerUSCC, Inputs: ev.Inputs, Outputs: ev.Outputs,
		Note: ev.Note, At: at, Position: pos}
	for _, in := range ev.Inputs {
		ib := p.batch(in.GTIN, in.Lot)
		for _, out := range ev.Outputs {
			if ib != nil {
				ib.MadeInto = append(ib.MadeInto, Made{TransformationID: ev.TransformationID, GTIN: out.GTIN, Lot: out.Lot, Units: in.Count(), By: ev.TransformerUSCC, At: at})
			}
			if ob := p.batch(out.GTIN, out.Lot); ob != nil {
				ob.MadeFrom = append(ob.MadeFrom, Made{TransformationID: ev.TransformationID, GTIN: in.GTIN, Lot: in.Lot, Units: in.Count(), By: ev.TransformerUSCC, At: at})
			}
		}
	}
}

// transformations walks the transformation edges from b, breadth first:
// upstream its inputs and theirs, downstream its outputs and theirs. It
// adds a node per batch reached and an edge per transformation link to t.
func (p *Projection) transformations(b *Batch, upstream bool, t *query.TraceGraph, nc *nameCache) {
	type hop struct {
		b     *Batch
		depth int
	}
	root := key(b.GTIN, b.Lot)
	seen := map[string]bool{root: true}
	queue := []hop{{b, 0}}
	nodeOf := func(x *Batch) string { return NodeBatch + ":" + key(x.GTIN, x.Lot) }
	for len(queue) > 0 && len(t.Transformations) < maxTransformEdges {
		h := queue[0]
		queue = queue[1:]
		edges := h.b.MadeInto
		if upstream {
			edges = h.b.MadeFrom
		}
		for _, m := range edges {
			other := p.batch(m.GTIN, m.Lot)
			if other == nil || len(t.Transformations) >= maxTransformEdges {
				continue
			}
			self := query.TraceRef{GTIN: h.b.GTIN, Lot: h.b.Lot, OwnerUSCC: h.b.Owner, OwnerName: nc.name(h.b.Owner)}
			them := query.TraceRef{GTIN: other.GTIN, Lot: other.Lot, OwnerUSCC: other.Owner, OwnerName: nc.name(other.Owner)}
			e := query.TraceTransformation{TransformationID: m.TransformationID, Units: m.Units, TransformerUSCC: m.By,
				TransformerName: nc.name(m.By), At: at(m.At), Depth: h.depth + 1, Input: self, Output: them}
			from, to := nodeOf(h.b), nodeOf(other)
			if h.depth == 0 {
				from = m.By
			}
			if upstream {
				e.Input, e.Output = them, self
				from, to = nodeOf(other), nodeOf(h.b)
				if h.depth == 0 {
					to = h.b.Owner
				}
			}
			t.Transformations = append(t.Transformations, e)
			t.Edges = append(t.Edges, query.TraceEdge{From: from, To: to, Kind: EdgeTransform, Units: m.Units, FirstAt: at(m.At), LastAt: at(m.At)})
			k := key(other.GTIN, other.Lot)
			if seen[k] {
				continue
			}
			seen[k] = true
			t.Nodes = append(t.Nodes, query.TraceNode{ID: nodeOf(other), Kind: NodeBatch, Name: other.GTIN + " / " + other.Lot, USCC: other.Owner})
			queue = append(queue, hop{other, h.depth + 1})
		}
	}
}

// Transformation answers a recorded transformation.
func (p *Projection) Transformation(id string, names query.Names) (query.Transformation, error) {
	p.RLock()
	defer p.RUnlock()
	tr := p.State().Transformations[id]
	if tr == nil {
		return query.Transformation{}, domain.NotFound("id", "transformation_not_known_2", "transformation is not known")
	}
	nc := newNameCache(names, 4)
	out := query.Transformation{TransformationID: id, TransformerUSCC: tr.Transformer, TransformerName: nc.name(tr.Transformer),
		Note: tr.Note, At: time.Unix(0, tr.At).UTC(), Position: tr.Position, Inputs: []query.TransformationInput{}, Outputs: []query.TraceRef{}}
	ref := func(gtin, lot string) query.TraceRef {
		r := query.TraceRef{GTIN: gtin, Lot: lot}
		if b := p.batch(gtin, lot); b != nil {
			r.OwnerUSCC, r.OwnerName = b.Owner, nc.name(b.Owner)
		}
		return r
	}
	for _, in := range tr.Inputs {
		out.Inputs = append(out.Inputs, query.TransformationInput{TraceRef: ref(in.GTIN, in.Lot), Quantity: in.Quantity, Serials: in.Serials})
	}
	for _, o := range tr.Outputs {
		out.Outputs = append(out.Outputs, ref(o.GTIN, o.Lot))
	}
	return out, nil
}
