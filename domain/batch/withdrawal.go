package batch

import (
	"fmt"
	"slices"
	"strings"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// Why goods are withdrawn from sale (退市). A regulator's order gives one
// of the first three; the holder's withdrawal answering it says ordered.
const (
	ReasonExpired          = "expired"
	ReasonInspectionFailed = "inspection_failed"
	ReasonUncertified      = "uncertified"
	ReasonOrdered          = "ordered"
)

// DispositionReturnedToSupplier: withdrawn units sent back to whoever
// supplied them (a disposal, beside DispositionDestroyed).
const DispositionReturnedToSupplier = "returned_to_supplier"

// offSale is where a labelled item InStock stands with respect to sale.
type offSale uint8

const (
	onSale offSale = iota
	withdrawn
)

// offUnits are a holder's unlabelled units off sale, still counted in its
// holding.Units stock: withdrawn and not disposed of yet (a disposal takes
// them out of the stock).
type offUnits struct{ withdrawn int64 }

// order is a regulator's withdrawal order to one holder.
type order struct {
	holder   string
	answered bool
}

func (b *Batch) offOf(holder string) *offUnits {
	o := b.off[holder]
	if o == nil {
		o = &offUnits{}
		b.off[holder] = o
	}
	return o
}

// applyWithdrawal folds the withdrawal events.
func (b *Batch) applyWithdrawal(ev event.Event) {
	switch ev := ev.(type) {
	case WithdrawalOrdered:
		b.orders[ev.OrderID] = &order{holder: ev.HolderUSCC}
	case Withdrawn:
		b.offOf(ev.HolderUSCC).withdrawn += ev.Quantity
		for _, s := range ev.Serials {
			b.items[s].off = withdrawn
		}
		if o := b.orders[ev.OrderID]; o != nil {
			o.answered = true
		}
	case Disposed:
		b.offOf(ev.HolderUSCC).withdrawn -= ev.Quantity
		b.returned(ev.AsReturn())
	}
}

// returnedOffSale keeps the units off sale within the holder's stock after
// a recall return took units from it: withdrawn units were returned first.
func (b *Batch) returnedOffSale(holder string) {
	o := b.off[holder]
	if o == nil {
		return
	}
	if over := o.withdrawn - b.held(holder).Stock; over > 0 {
		o.withdrawn -= min(over, o.withdrawn)
	}
}

// sellable is how many unlabelled units holder has in stock and on sale.
func (b *Batch) sellable(holder string) int64 {
	n := b.held(holder).Stock
	if o := b.off[holder]; o != nil {
		n -= o.withdrawn
	}
	return n
}

// OnSale is what holder has of the batch in stock and still on sale: its
// items' serials (sorted) and its unlabelled units.
func (b *Batch) OnSale(holder ident.USCC) Units {
	h := holder.String()
	u := Units{Quantity: max(b.sellable(h), 0)}
	for s, it := range b.items {
		if it.holder == h && it.state == StateInStock && it.off == onSale {
			u.Serials = append(u.Serials, s)
		}
	}
	slices.Sort(u.Serials)
	return u
}

// WithdrawnAt is what holder has withdrawn of the batch and not yet
// disposed of: its items' serials (sorted) and its unlabelled units.
func (b *Batch) WithdrawnAt(holder ident.USCC) Units {
	h := holder.String()
	var u Units
	if o := b.off[h]; o != nil {
		u.Quantity = o.withdrawn
	}
	for s, it := range b.items {
		if it.holder == h && it.state == StateInStock && it.off == withdrawn {
			u.Serials = append(u.Serials, s)
		}
	}
	slices.Sort(u.Serials)
	return u
}

// FailedInspectionAt reports whether the last market inspection of the
// batch at holder failed: its units may not be sold there until a passing
// re-inspection.
func (b *Batch) FailedInspectionAt(holder string) bool { return b.inspections[holder] == "fail" }

// OrderWithdrawal records a regulator's order that holder withdraw its units
// of the batch from sale by deadline (RFC 3339, counted by the caller in
// Chinese working days). The holder must have units on sale.
func (b *Batch) OrderWithdrawal(orderID string, holder ident.USCC, reason, note, deadline string) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	switch reason {
	case ReasonExpired, ReasonInspectionFailed, ReasonUncertified:
	default:
		return domain.Invalid("reason", "must_expired_inspection_failed_or", "must be expired, inspection_failed or uncertified")
	}
	if _, taken := b.orders[orderID]; taken {
		return domain.Conflict("withdrawal_order_already_exists", "withdrawal order %s already exists", orderID)
	}
	if u := b.OnSale(holder); u.Count() == 0 {
		return domain.ConflictAt("holder_uscc", "holds_no_units_batch_on", "%s holds no units of batch %s on sale: nothing to withdraw", holder, b.name())
	}
	b.Raise(WithdrawalOrdered{GTIN: b.reg.GTIN, Lot: b.reg.Lot, OrderID: orderID, HolderUSCC: holder.String(), Reason: reason,
		Note: note, Deadline: deadline}, b.apply)
	return nil
}

// Withdraw records that holder took units it has in stock off sale. A
// withdrawal answering a regulator's order names it and says ordered.
func (b *Batch) Withdraw(holder ident.USCC, reason, orderID, note string, u Units) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	switch reason {
	case ReasonExpired, ReasonInspectionFailed, ReasonUncertified:
		if orderID != "" {
			return domain.Invalid("reason", "must_ordered_when_order_id", "must be ordered when order_id is given")
		}
	case ReasonOrdered:
		if strings.TrimSpace(orderID) == "" {
			return domain.Invalid("order_id", "required_when_reason_ordered", "is required when the reason is ordered")
		}
		if o := b.orders[orderID]; o == nil || o.holder != holder.String() {
			return domain.NotFound("order_id", "no_withdrawal_order_batch", "no withdrawal order %s of batch %s to %s", orderID, b.name(), holder)
		}
	default:
		return domain.Invalid("reason", "must_expired_inspection_failed_uncertified", "must be expired, inspection_failed, uncertified or ordered")
	}
	if err := b.mustHold(holder.String(), u, "withdraw"); err != nil {
		return err
	}
	b.Raise(Withdrawn{GTIN: b.reg.GTIN, Lot: b.reg.Lot, HolderUSCC: holder.String(), Reason: reason, OrderID: orderID, Note: note, Units: u}, b.apply)
	return nil
}

// Dispose records that holder destroyed withdrawn units, or returned them
// to the supplier it names. Only withdrawn units are disposed of.
func (b *Batch) Dispose(holder ident.USCC, disposition, supplier string, u Units) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	switch disposition {
	case DispositionDestroyed:
		if supplier != "" {
			return domain.Invalid("supplier_uscc", "given_only_when_units_returned", "is given only when units are returned to the supplier")
		}
	case DispositionReturnedToSupplier:
		if supplier == "" {
			return domain.Invalid("supplier_uscc", "required_when_units_returned_supplier", "is required when units are returned to the supplier")
		}
		if supplier == holder.String() {
			return domain.Invalid("supplier_uscc", "holder_itself", "is the holder itself")
		}
	default:
		return domain.Invalid("disposition", "must_destroyed_or_returned_supplier", "must be destroyed or returned_to_supplier")
	}
	if u.Count() <= 0 || u.Quantity < 0 {
		return domain.Invalid("items", "no_units_given", "no units given")
	}
	h := holder.String()
	for i, s := range u.Serials {
		if it, ok := b.items[s]; !ok || it.holder != h || it.state != StateInStock || it.off != withdrawn {
			return domain.ConflictAt(fmt.Sprintf("items[%d]", i), "holds_no_withdrawn_item_batch", "%s holds no withdrawn item %s of batch %s", h, s, b.name())
		}
	}
	var have int64
	if o := b.off[h]; o != nil {
		have = o.withdrawn
	}
	if u.Quantity > have {
		return domain.Conflict("has_withdrawn_unlabelled_units_batch", "%s has %d withdrawn unlabelled units of batch %s, cannot dispose of %d", h, have, b.name(), u.Quantity)
	}
	b.Raise(Disposed{GTIN: b.reg.GTIN, Lot: b.reg.Lot, HolderUSCC: h, Disposition: disposition, SupplierUSCC: supplier, Units: u}, b.apply)
	return nil
}
