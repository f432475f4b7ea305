package command

import (
	"context"
	"errors"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/recall"
)

// StartRecall starts a recall of batches: ordered by a regulator, or by the
// enterprise that owns them.
func (h *Handlers) StartRecall(ctx context.Context, a access.Actor, in StartRecall) (Outcome, error) {
	if err := mayWrite(a); err != nil {
		return Outcome{}, err
	}
	by, err := actingAs(a, "initiated_by_uscc", in.InitiatedByUSCC)
	if err != nil {
		return Outcome{}, err
	}
	level, err := recall.ParseLevel(in.Level)
	if err != nil {
		return Outcome{}, domain.Invalid("level", "%v", err)
	}
	if len(in.Batches) == 0 {
		return Outcome{}, domain.Invalid("batches", "at least one batch is required")
	}
	keys := make([]recall.BatchKey, len(in.Batches))
	type ref struct {
		g ident.GTIN
		l ident.Lot
	}
	refs := make([]ref, len(in.Batches))
	seen := map[recall.BatchKey]bool{}
	for i, br := range in.Batches {
		g, err := parseGTIN(subField("batches", i, "gtin"), br.GTIN)
		if err != nil {
			return Outcome{}, err
		}
		l, err := parseLot(subField("batches", i, "lot"), br.Lot)
		if err != nil {
			return Outcome{}, err
		}
		keys[i], refs[i] = recall.BatchKey{GTIN: g.String(), Lot: l.String()}, ref{g, l}
		if seen[keys[i]] {
			return Outcome{}, domain.Invalid(fieldIndex("batches", i), "batch given twice")
		}
		seen[keys[i]] = true
	}
	id := h.newID().String()
	writes := []string{recall.Stream(id)}
	for _, k := range keys {
		writes = append(writes, batch.StreamOf(k.GTIN, k.Lot))
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
	if err := r.Start(id, keys, level, in.Reason, by.String(), unit.md.OccurredAt); err != nil {
		return Outcome{}, err
	}
	for i, rf := range refs {
		b, err := loadBatch(ctx, unit, rf.g, rf.l)
		if err != nil {
			return Outcome{}, err
		}
		if !b.Registered() {
			return Outcome{}, domain.NotFound(subField("batches", i, "lot"), "batch %s/%s is not registered", rf.g, rf.l)
		}
		if a.Role == access.RoleEnterprise && b.Owner() != a.USCC {
			return Outcome{}, domain.Forbidden(subField("batches", i, "lot"), "an enterprise recalls only batches it produced or imported")
		}
		if err := b.Recall(id, int(level)); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commitWith(ctx, Outcome{RecallID: id})
}

// RecordRecallReturn records units a holder returned or destroyed.
func (h *Handlers) RecordRecallReturn(ctx context.Context, a access.Actor, in RecordRecallReturn) (Outcome, error) {
	if err := mayWrite(a); err != nil {
		return Outcome{}, err
	}
	holder, err := actingAs(a, "holder_uscc", in.HolderUSCC)
	if err != nil {
		return Outcome{}, err
	}
	if in.Disposition != batch.DispositionReturned && in.Disposition != batch.DispositionDestroyed {
		return Outcome{}, domain.Invalid("disposition", "must be returned or destroyed")
	}
	keys, _, closed, err := h.recallKeys(ctx, in.RecallID)
	if err != nil {
		return Outcome{}, err
	}
	if closed {
		return Outcome{}, domain.Conflict("recall %s is closed", in.RecallID)
	}
	if len(in.Items) == 0 && in.Quantity == 0 {
		return Outcome{}, domain.Invalid("items", "give items (label codes) or a quantity")
	}
	var lines []QuantityLine
	if in.Quantity != 0 {
		ln := QuantityLine{GTIN: in.GTIN, Lot: in.Lot, Quantity: in.Quantity}
		if in.GTIN == "" && in.Lot == "" {
			if len(keys) != 1 {
				return Outcome{}, domain.Invalid("gtin", "the recall covers %d batches: name the batch (gtin and lot) of the quantity", len(keys))
			}
			ln.GTIN, ln.Lot = keys[0].GTIN, keys[0].Lot
		}
		if _, err := parseQuantity("quantity", in.Quantity); err != nil {
			return Outcome{}, err
		}
		lines = []QuantityLine{ln}
	}
	goods, err := goodsOf(in.Items, lines)
	if err != nil {
		return Outcome{}, renameLineField(err)
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), streamsOf(goods), nil)
	defer unit.end()
	for _, g := range goods {
		b, err := loadBatch(ctx, unit, g.gtin, g.lot)
		if err != nil {
			return Outcome{}, err
		}
		if err := b.Return(in.RecallID, holder, in.Disposition, g.units); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commit(ctx)
}

// CloseRecall closes a recall once no affected unit is in stock or in
// transit: by a regulator or the initiating enterprise.
func (h *Handlers) CloseRecall(ctx context.Context, a access.Actor, in CloseRecall) (Outcome, error) {
	if err := mayWrite(a); err != nil {
		return Outcome{}, err
	}
	keys, by, _, err := h.recallKeys(ctx, in.RecallID)
	if err != nil {
		return Outcome{}, err
	}
	if err := actsFor(a, by, "id"); err != nil {
		return Outcome{}, err
	}
	reads := make([]string, len(keys))
	for i, k := range keys {
		reads[i] = batch.StreamOf(k.GTIN, k.Lot)
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{recall.Stream(in.RecallID)}, reads)
	defer unit.end()
	var outstanding int64
	for _, s := range reads {
		b, err := load(ctx, unit, s, batch.Load)
		if err != nil {
			return Outcome{}, err
		}
		for _, t := range b.Tallies() {
			outstanding += t.Outstanding()
		}
	}
	r, err := load(ctx, unit, recall.Stream(in.RecallID), recall.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := r.Close(outstanding); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

// recallKeys reads a recall's batches and initiator, which never change, and
// whether it is closed.
func (h *Handlers) recallKeys(ctx context.Context, id string) ([]recall.BatchKey, string, bool, error) {
	if id == "" {
		return nil, "", false, domain.Invalid("id", "is required")
	}
	unit := h.begin(readOnly, nil, []string{recall.Stream(id)})
	defer unit.end()
	r, err := load(ctx, unit, recall.Stream(id), recall.Load)
	if err != nil {
		return nil, "", false, err
	}
	if !r.Exists() {
		return nil, "", false, domain.NotFound("id", "recall %s is not known", id)
	}
	return r.Batches(), r.InitiatedBy(), r.Closed(), nil
}

// renameLineField maps the field names of the one quantity line a recall
// return builds back to the fields the client sent.
func renameLineField(err error) error {
	var fe *domain.FieldError
	if errors.As(err, &fe) {
		switch fe.Field {
		case "lines[0].gtin":
			return &domain.FieldError{Field: "gtin", Message: fe.Message}
		case "lines[0].lot":
			return &domain.FieldError{Field: "lot", Message: fe.Message}
		case "lines[0].quantity":
			return &domain.FieldError{Field: "quantity", Message: fe.Message}
		}
	}
	return err
}
