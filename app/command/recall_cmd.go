package command

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
)

// startRecall starts a recall of batches: ordered by a regulator, or by the
// enterprise that owns them.
func (h *Handlers) startRecall(ctx context.Context, a access.Actor, in StartRecall) (Outcome, error) {
	by, err := actingAs(a, "initiated_by_uscc", in.InitiatedByUSCC)
	if err != nil {
		return Outcome{}, err
	}
	level, err := recall.ParseLevel(in.Level)
	if err != nil {
		return Outcome{}, domain.InvalidValue("level", err)
	}
	keys := make([]recall.BatchKey, len(in.Batches))
	refs := make([]batchRef, len(in.Batches))
	for i, br := range in.Batches {
		g, l, err := parseBatch(subField("batches", i, "gtin"), subField("batches", i, "lot"), br.GTIN, br.Lot)
		if err != nil {
			return Outcome{}, err
		}
		keys[i], refs[i] = recall.BatchKey{GTIN: g.String(), Lot: l.String()}, batchRef{g, l}
	}
	derived, err := h.derivedBatches(ctx, refs)
	if err != nil {
		return Outcome{}, err
	}
	id := h.newID().String()
	writes := []string{recall.Stream(id)}
	for _, k := range keys {
		writes = append(writes, batch.StreamOf(k.GTIN, k.Lot))
	}
	for _, d := range derived {
		writes = append(writes, batch.StreamOf(d.GTIN, d.Lot))
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), writes, []string{enterprise.Stream(by)})
	defer unit.end()
	if _, err := registered(ctx, unit, by, "initiated_by_uscc"); err != nil {
		return Outcome{}, err
	}
	r, err := load(ctx, unit, recall.Stream(id), recall.Load)
	if err != nil {
		return Outcome{}, err
	}
	plan := recall.Plan{Hazard: in.Hazard, Scope: in.Scope, Measures: in.Measures, Contact: in.Contact}
	for _, d := range derived {
		plan.Outputs = append(plan.Outputs, recall.BatchKey{GTIN: d.GTIN, Lot: d.Lot})
	}
	if in.HazardKnownAt != "" {
		if plan.HazardKnownAt, err = time.Parse(time.RFC3339, in.HazardKnownAt); err != nil {
			return Outcome{}, domain.Invalid("hazard_known_at", "not_rfc_3339_time", "%q is not an RFC 3339 time", in.HazardKnownAt)
		}
	}
	if err := r.Start(id, keys, level, in.Reason, by.String(), plan, unit.now); err != nil {
		return Outcome{}, err
	}
	for i, rf := range refs {
		b, err := loadBatch(ctx, unit, rf.g, rf.l)
		if err != nil {
			return Outcome{}, err
		}
		if err := b.Recall(id, int(level), a); err != nil {
			return Outcome{}, domain.Within(fieldIndex("batches", i), err)
		}
	}
	if err := recallOutputs(ctx, unit, id, int(level), writes); err != nil {
		return Outcome{}, err
	}
	return unit.commitWith(ctx, Outcome{RecallID: id})
}

// recordRecallReturn records units a holder returned or destroyed. The
// recall is read under the same locks as its batches, so a close cannot slip
// in between the check that it is open and the append.
func (h *Handlers) recordRecallReturn(ctx context.Context, a access.Actor, in RecordRecallReturn) (Outcome, error) {
	holder, err := actingAs(a, "holder_uscc", in.HolderUSCC)
	if err != nil {
		return Outcome{}, err
	}
	if err := required("id", in.RecallID); err != nil {
		return Outcome{}, err
	}
	goods, err := h.returnedGoods(ctx, in)
	if err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), goods.Streams(), []string{recall.Stream(in.RecallID)})
	defer unit.end()
	r, err := load(ctx, unit, recall.Stream(in.RecallID), recall.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := r.AcceptReturn(); err != nil {
		return Outcome{}, err
	}
	for _, p := range goods.Parcels() {
		b, err := loadBatch(ctx, unit, p.GTIN, p.Lot)
		if err != nil {
			return Outcome{}, err
		}
		if err := b.Return(in.RecallID, holder, in.Disposition, p.Units); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commit(ctx)
}

// returnedGoods parses a return's items and its quantity, which names units
// of the batch given by gtin and lot, or of the recall's one batch.
func (h *Handlers) returnedGoods(ctx context.Context, in RecordRecallReturn) (batch.Goods, error) {
	var lines []batch.Line
	if in.Quantity != 0 {
		gtin, lot := in.GTIN, in.Lot
		if gtin == "" && lot == "" {
			k, err := h.soleBatch(ctx, in.RecallID)
			if err != nil {
				return batch.Goods{}, err
			}
			gtin, lot = k.GTIN, k.Lot
		}
		q, err := parseQuantity("quantity", in.Quantity)
		if err != nil {
			return batch.Goods{}, err
		}
		g, l, err := parseBatch("gtin", "lot", gtin, lot)
		if err != nil {
			return batch.Goods{}, err
		}
		lines = []batch.Line{{GTIN: g, Lot: l, Quantity: q}}
	}
	items, err := parseItems(in.Items)
	if err != nil {
		return batch.Goods{}, err
	}
	return batch.NewGoods(items, lines)
}

// closeRecall closes a recall once every affected unit is accounted for
// (recall.Recall.Close): by a regulator or the initiating enterprise.
func (h *Handlers) closeRecall(ctx context.Context, a access.Actor, in CloseRecall) (Outcome, error) {
	reads, err := h.recallBatchStreams(ctx, in.RecallID)
	if err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{recall.Stream(in.RecallID)}, reads)
	defer unit.end()
	totals, _, err := recallTotals(ctx, unit, reads, "")
	if err != nil {
		return Outcome{}, err
	}
	r, err := load(ctx, unit, recall.Stream(in.RecallID), recall.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := r.Close(a, totals); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

// recallBatchStreams are the streams of the batches recall id names.
func (h *Handlers) recallBatchStreams(ctx context.Context, id string) ([]string, error) {
	keys, err := h.recallBatches(ctx, id)
	if err != nil {
		return nil, err
	}
	reads := make([]string, len(keys))
	for i, k := range keys {
		reads[i] = batch.StreamOf(k.GTIN, k.Lot)
	}
	return reads, nil
}

// recallTotals adds up every holder's units of the batches in streams, and
// says whether holder (when not empty) is one of them.
func recallTotals(ctx context.Context, unit *unit, streams []string, holder string) (recall.Totals, bool, error) {
	var t recall.Totals
	holds := false
	for _, s := range streams {
		b, err := load(ctx, unit, s, batch.Load)
		if err != nil {
			return recall.Totals{}, false, err
		}
		for _, tl := range b.Tallies() {
			t.InStock += tl.InStock
			t.InTransit += tl.InTransit
			t.Sold += tl.Sold
			t.Returned += tl.Returned
			t.Destroyed += tl.Destroyed
			holds = holds || tl.USCC == holder
		}
	}
	return t, holds, nil
}

// recallBatches reads the batches a recall names, which never change once
// it started (none when it is not known: the recall refuses then).
func (h *Handlers) recallBatches(ctx context.Context, id string) ([]recall.BatchKey, error) {
	if err := required("id", id); err != nil {
		return nil, err
	}
	unit := h.begin(readOnly, nil, []string{recall.Stream(id)})
	defer unit.end()
	r, err := load(ctx, unit, recall.Stream(id), recall.Load)
	if err != nil {
		return nil, err
	}
	return r.Batches(), nil
}

// soleBatch reads the recall's only batch (recall.Recall.SoleBatch).
func (h *Handlers) soleBatch(ctx context.Context, id string) (recall.BatchKey, error) {
	unit := h.begin(readOnly, nil, []string{recall.Stream(id)})
	defer unit.end()
	r, err := load(ctx, unit, recall.Stream(id), recall.Load)
	if err != nil {
		return recall.BatchKey{}, err
	}
	return r.SoleBatch()
}

// recallOutputs marks every batch made of a recalled one as recalled too
// (batch.RecallAsOutput), transitively. The outputs were planned before the
// locks (derivedBatches); one that is not among the locked streams was made
// meanwhile, and the recall is decided again.
func recallOutputs(ctx context.Context, u *unit, id string, level int, locked []string) error {
	for i := 1; i < len(locked); i++ {
		b, err := load(ctx, u, locked[i], batch.Load)
		if err != nil {
			return err
		}
		if i > 0 && !b.InRecall(id) {
			if err := b.RecallAsOutput(id, level); err != nil {
				return err
			}
		}
		for _, o := range b.Outputs() {
			if !slices.Contains(locked, batch.StreamOf(o.GTIN, o.Lot)) {
				return fmt.Errorf("batch %s/%s was made meanwhile: %w", o.GTIN, o.Lot, event.ErrConcurrency)
			}
		}
	}
	return nil
}
