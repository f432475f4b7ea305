package command

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/ident"
)

// OrderWithdrawal orders a holder to withdraw a batch from sale (regulators).
func (h *Handlers) OrderWithdrawal(ctx context.Context, a access.Actor, in OrderWithdrawal) (Outcome, error) {
	return h.execute("OrderWithdrawal", a, in, func() (Outcome, error) { return h.orderWithdrawal(ctx, a, in) })
}

// RecordWithdrawal records units a holder withdrew from sale (the holder, or
// a regulator for it).
func (h *Handlers) RecordWithdrawal(ctx context.Context, a access.Actor, in RecordWithdrawal) (Outcome, error) {
	return h.execute("RecordWithdrawal", a, in, func() (Outcome, error) { return h.recordWithdrawal(ctx, a, in) })
}

// RecordDisposal records withdrawn units destroyed or returned to the
// supplier (the holder, or a regulator for it).
func (h *Handlers) RecordDisposal(ctx context.Context, a access.Actor, in RecordDisposal) (Outcome, error) {
	return h.execute("RecordDisposal", a, in, func() (Outcome, error) { return h.recordDisposal(ctx, a, in) })
}

func (h *Handlers) orderWithdrawal(ctx context.Context, a access.Actor, in OrderWithdrawal) (Outcome, error) {
	g, l, err := parseBatch("gtin", "lot", in.GTIN, in.Lot)
	if err != nil {
		return Outcome{}, err
	}
	holder, err := parseUSCC("holder_uscc", in.HolderUSCC)
	if err != nil {
		return Outcome{}, err
	}
	days := in.WorkingDays
	if days == 0 {
		days = batch.OrderWithinWorkingDays
	}
	if days < 1 || days > batch.MaxOrderWorkingDays {
		return Outcome{}, domain.Invalid("working_days", "must_1", "must be 1 to %d", batch.MaxOrderWorkingDays)
	}
	id := h.newID().String()
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{batch.Stream(g, l)}, []string{enterprise.Stream(holder)})
	defer unit.end()
	if _, err := registered(ctx, unit, holder, "holder_uscc"); err != nil {
		return Outcome{}, err
	}
	b, err := loadBatch(ctx, unit, g, l)
	if err != nil {
		return Outcome{}, err
	}
	deadline := batch.WithdrawBy(unit.now, days).Format(time.RFC3339)
	if err := b.OrderWithdrawal(id, holder, in.Reason, in.Note, deadline); err != nil {
		return Outcome{}, err
	}
	return unit.commitWith(ctx, Outcome{OrderID: id})
}

func (h *Handlers) recordWithdrawal(ctx context.Context, a access.Actor, in RecordWithdrawal) (Outcome, error) {
	g, l, err := parseBatch("gtin", "lot", in.GTIN, in.Lot)
	if err != nil {
		return Outcome{}, err
	}
	holder, err := actingAs(a, "holder_uscc", in.HolderUSCC)
	if err != nil {
		return Outcome{}, err
	}
	u, err := givenUnits(g, l, in.All, in.Items, in.Quantity)
	if err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{batch.Stream(g, l)}, nil)
	defer unit.end()
	b, err := loadBatch(ctx, unit, g, l)
	if err != nil {
		return Outcome{}, err
	}
	if in.All {
		u = b.OnSale(holder)
	}
	if err := b.Withdraw(holder, in.Reason, in.OrderID, in.Note, u); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

func (h *Handlers) recordDisposal(ctx context.Context, a access.Actor, in RecordDisposal) (Outcome, error) {
	g, l, err := parseBatch("gtin", "lot", in.GTIN, in.Lot)
	if err != nil {
		return Outcome{}, err
	}
	holder, err := actingAs(a, "holder_uscc", in.HolderUSCC)
	if err != nil {
		return Outcome{}, err
	}
	var supplier string
	if in.SupplierUSCC != "" {
		s, err := parseUSCC("supplier_uscc", in.SupplierUSCC)
		if err != nil {
			return Outcome{}, err
		}
		supplier = s.String()
	}
	u, err := givenUnits(g, l, in.All, in.Items, in.Quantity)
	if err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{batch.Stream(g, l)}, nil)
	defer unit.end()
	b, err := loadBatch(ctx, unit, g, l)
	if err != nil {
		return Outcome{}, err
	}
	if in.All {
		u = b.WithdrawnAt(holder)
	}
	if err := b.Dispose(holder, in.Disposition, supplier, u); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

// unitsOf parses the items (label codes, each of the batch g/l) and the
// quantity of unlabelled units a command names.
func unitsOf(g ident.GTIN, l ident.Lot, items []string, quantity int64) (batch.Units, error) {
	codes, err := parseItems(items)
	if err != nil {
		return batch.Units{}, err
	}
	var u batch.Units
	for i, c := range codes {
		if c.GTIN != g || c.Lot != l {
			return batch.Units{}, domain.Invalid(fieldIndex("items", i), "item_batch_not", "item %s is of batch %s/%s, not %s/%s", c.Serial, c.GTIN, c.Lot, g, l)
		}
		u.Serials = append(u.Serials, c.Serial.String())
	}
	if quantity != 0 {
		q, err := parseQuantity("quantity", quantity)
		if err != nil {
			return batch.Units{}, err
		}
		u.Quantity = q.Int64()
	}
	if u.Count() == 0 {
		return batch.Units{}, domain.Invalid("items", "give_items_label_codes_or", "give items (label codes) or a quantity")
	}
	return u, nil
}

// givenUnits are the units a withdrawal or disposal names: its items and
// quantity, or none when it says all (the batch then decides which).
func givenUnits(g ident.GTIN, l ident.Lot, all bool, items []string, quantity int64) (batch.Units, error) {
	if all {
		if len(items) > 0 || quantity != 0 {
			return batch.Units{}, domain.Invalid("all", "give_all_or_items_and", "give all, or items and quantity, not both")
		}
		return batch.Units{}, nil
	}
	return unitsOf(g, l, items, quantity)
}
