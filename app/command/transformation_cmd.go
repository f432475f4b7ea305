package command

import (
	"context"
	"slices"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/transformation"
)

// recordTransformation records that the transformer made output batches out
// of input goods it holds (EPCIS TransformationEvent): the inputs are
// consumed in their batches, which name the outputs, so a recall of an
// input reaches them.
func (h *Handlers) recordTransformation(ctx context.Context, a access.Actor, in RecordTransformation) (Outcome, error) {
	by, err := actingAs(a, "transformer_uscc", in.TransformerUSCC)
	if err != nil {
		return Outcome{}, err
	}
	codes, err := parseItems(in.InputItems)
	if err != nil {
		return Outcome{}, err
	}
	lines, whole, err := inputLines(in.Inputs)
	if err != nil {
		return Outcome{}, err
	}
	planned := slices.Clone(lines)
	for _, w := range whole {
		// A placeholder of one unit, so that the batch is locked; the whole
		// quantity is read under the lock.
		planned = append(planned, batch.Line{GTIN: w.g, Lot: w.l, Quantity: one})
	}
	goods, err := batch.NewGoods(codes, planned)
	if err != nil {
		return Outcome{}, err
	}
	outputs := make([]batch.Ref, len(in.Outputs))
	outRefs := make([]batchRef, len(in.Outputs))
	var reads []string
	for i, o := range in.Outputs {
		g, l, err := parseBatch(subField("outputs", i, "gtin"), subField("outputs", i, "lot"), o.GTIN, o.Lot)
		if err != nil {
			return Outcome{}, err
		}
		outputs[i], outRefs[i] = batch.Ref{GTIN: g.String(), Lot: l.String()}, batchRef{g, l}
		reads = append(reads, batch.Stream(g, l))
	}
	id := h.newID().String()
	writes := append([]string{transformation.Stream(id)}, goods.Streams()...)
	unit := h.begin(h.metadata(ctx, a, in.Common), writes, append(reads, enterprise.Stream(by)))
	defer unit.end()
	if _, err := registered(ctx, unit, by, "transformer_uscc"); err != nil {
		return Outcome{}, err
	}
	owned := make([]bool, len(outRefs))
	for i, r := range outRefs {
		b, err := loadBatch(ctx, unit, r.g, r.l)
		if err != nil {
			return Outcome{}, err
		}
		owned[i] = b.Registered() && b.OwnedBy(by.String())
	}
	if len(whole) > 0 {
		for _, w := range whole {
			b, err := loadBatch(ctx, unit, w.g, w.l)
			if err != nil {
				return Outcome{}, err
			}
			q, err := ident.NewQuantity(b.OnSale(by).Quantity)
			if err != nil || q.IsZero() {
				return Outcome{}, domain.Conflict("has_no_unlabelled_units_batch", "%s has no unlabelled units of batch %s/%s on sale to transform", by, w.g, w.l)
			}
			lines = append(lines, batch.Line{GTIN: w.g, Lot: w.l, Quantity: q})
		}
		if goods, err = batch.NewGoods(codes, lines); err != nil {
			return Outcome{}, err
		}
	}
	inputs := make([]transformation.Input, len(goods.Parcels()))
	for i, p := range goods.Parcels() {
		inputs[i] = transformation.Input{GTIN: p.GTIN.String(), Lot: p.Lot.String(), Units: p.Units}
	}
	t, err := load(ctx, unit, transformation.Stream(id), transformation.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := t.Record(id, by.String(), inputs, outputs, owned, in.Note); err != nil {
		return Outcome{}, err
	}
	for _, p := range goods.Parcels() {
		b, err := loadBatch(ctx, unit, p.GTIN, p.Lot)
		if err != nil {
			return Outcome{}, err
		}
		if err := b.Consume(id, by, p.Units, outputs); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commitWith(ctx, Outcome{TransformationID: id})
}

// derivedBatches are the batches made, through transformations and
// transitively, of the batches given: a recall of an input reaches every
// output. Read level by level under read locks, to plan a recall's locks;
// the recall checks them again under its locks.
func (h *Handlers) derivedBatches(ctx context.Context, roots []batchRef) ([]batch.Ref, error) {
	seen := map[batch.Ref]bool{}
	for _, r := range roots {
		seen[batch.Ref{GTIN: r.g.String(), Lot: r.l.String()}] = true
	}
	var out []batch.Ref
	level := roots
	for len(level) > 0 && len(out) < maxDerived {
		streams := make([]string, len(level))
		for i, r := range level {
			streams[i] = batch.Stream(r.g, r.l)
		}
		var next []batchRef
		u := h.begin(readOnly, nil, streams)
		for _, s := range streams {
			b, err := load(ctx, u, s, batch.Load)
			if err != nil {
				u.end()
				return nil, err
			}
			for _, o := range b.Outputs() {
				if seen[o] {
					continue
				}
				seen[o] = true
				out = append(out, o)
				g, gErr := ident.ParseGTIN(o.GTIN)
				l, lErr := ident.ParseLot(o.Lot)
				if gErr == nil && lErr == nil {
					next = append(next, batchRef{g, l})
				}
			}
		}
		u.end()
		level = next
	}
	return out, nil
}

// maxDerived bounds how many derived batches one recall reaches.
const maxDerived = 1000

// one is a quantity of one unit.
var one, _ = ident.NewQuantity(1)

// inputLines parses a transformation's input lines; a line without a
// quantity names a batch whose every unlabelled unit on sale at the
// transformer is used (EPCIS input quantities are optional), read under the
// command's locks.
func inputLines(in []QuantityLine) (lines []batch.Line, whole []batchRef, err error) {
	for i, ln := range in {
		g, l, err := parseBatch(subField("inputs", i, "gtin"), subField("inputs", i, "lot"), ln.GTIN, ln.Lot)
		if err != nil {
			return nil, nil, err
		}
		if ln.Quantity == 0 {
			whole = append(whole, batchRef{g, l})
			continue
		}
		q, err := parseQuantity(subField("inputs", i, "quantity"), ln.Quantity)
		if err != nil {
			return nil, nil, err
		}
		lines = append(lines, batch.Line{GTIN: g, Lot: l, Quantity: q})
	}
	return lines, whole, nil
}
