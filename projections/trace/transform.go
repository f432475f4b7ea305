package trace

import (
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/transformation"
	"github.com/traceledger/traceledger/projections/modelstore"
)

// maxTransformEdges bounds the transformation edges one trace walks.
const maxTransformEdges = 500

// transformed records a transformation and links its inputs and outputs.
func (t *tx) transformed(ev transformation.Recorded, at int64, pos uint64) error {
	k := modelstore.Key(pTransform, ev.TransformationID)
	if tr, err := readJSON[Transformation](t.b, k); err != nil || tr != nil {
		return err
	}
	if err := t.setJSON(k, &Transformation{Transformer: ev.TransformerUSCC, Inputs: ev.Inputs, Outputs: ev.Outputs,
		Note: ev.Note, At: at, Position: pos}); err != nil {
		return err
	}
	for _, in := range ev.Inputs {
		ib, err := t.batch(in.GTIN, in.Lot)
		if err != nil {
			return err
		}
		for _, out := range ev.Outputs {
			if ib != nil {
				ib.MadeInto = append(ib.MadeInto, Made{TransformationID: ev.TransformationID, GTIN: out.GTIN, Lot: out.Lot, Units: in.Count(), By: ev.TransformerUSCC, At: at})
				t.changed(ib)
			}
			ob, err := t.batch(out.GTIN, out.Lot)
			if err != nil {
				return err
			}
			if ob != nil {
				ob.MadeFrom = append(ob.MadeFrom, Made{TransformationID: ev.TransformationID, GTIN: in.GTIN, Lot: in.Lot, Units: in.Count(), By: ev.TransformerUSCC, At: at})
				t.changed(ob)
			}
		}
	}
	return nil
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
			other, _ := p.batch(m.GTIN, m.Lot)
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
	p.mu.RLock()
	defer p.mu.RUnlock()
	tr, err := readJSON[Transformation](p.m, modelstore.Key(pTransform, id))
	if err != nil {
		return query.Transformation{}, err
	}
	if tr == nil {
		return query.Transformation{}, domain.NotFound("id", "transformation_not_known_2", "transformation is not known")
	}
	nc := newNameCache(names, 4)
	out := query.Transformation{TransformationID: id, TransformerUSCC: tr.Transformer, TransformerName: nc.name(tr.Transformer),
		Note: tr.Note, At: time.Unix(0, tr.At).UTC(), Position: tr.Position, Inputs: []query.TransformationInput{}, Outputs: []query.TraceRef{}}
	ref := func(gtin, lot string) query.TraceRef {
		r := query.TraceRef{GTIN: gtin, Lot: lot}
		if b, _ := p.batch(gtin, lot); b != nil {
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
