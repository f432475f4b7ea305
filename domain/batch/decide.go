package batch

import (
	"fmt"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
)

// Customs decisions and recall dispositions.
const (
	DecisionReleased     = "released"
	DecisionRejected     = "rejected"
	DispositionReturned  = "returned"
	DispositionDestroyed = "destroyed"
	DateLayout           = "2006-01-02"
)

// Spec is what a batch registration says.
type Spec struct {
	GTIN       ident.GTIN
	Lot        ident.Lot
	Quantity   ident.Quantity
	ProducedOn time.Time
	ExpiresOn  time.Time
	Owner      ident.USCC
	Origin     ident.Country
}

// Register records the batch once. Expiry may not precede production.
func (b *Batch) Register(s Spec) error {
	if b.Registered() {
		return domain.Conflict("batch_already_registered", "batch %s/%s is already registered", s.GTIN, s.Lot)
	}
	if s.ExpiresOn.Before(s.ProducedOn) {
		return domain.Invalid("expires_on", "before_produced_on", "is before produced_on")
	}
	b.Raise(Registered{GTIN: s.GTIN.String(), Lot: s.Lot.String(), Quantity: s.Quantity.Int64(),
		ProducedOn: s.ProducedOn.Format(DateLayout), ExpiresOn: s.ExpiresOn.Format(DateLayout),
		OwnerUSCC: s.Owner.String(), OriginCountry: s.Origin.String(), Imported: !s.Origin.IsChina()}, b.apply)
	return nil
}

// Label binds serials to units the owner holds unlabelled. A serial is
// labelled once.
func (b *Batch) Label(owner ident.USCC, serials []ident.Serial) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	ss := make([]string, len(serials))
	seen := make(map[string]bool, len(serials))
	for i, s := range serials {
		ss[i] = s.String()
		if _, taken := b.items[ss[i]]; taken || seen[ss[i]] {
			return domain.ConflictAt(fmt.Sprintf("serials[%d]", i), "serial_batch_already_labelled", "serial %s of batch %s is already labelled", ss[i], b.name())
		}
		seen[ss[i]] = true
	}
	if have := b.held(owner.String()).Stock; int64(len(ss)) > have {
		return domain.Conflict("holds_unlabelled_units_batch_cannot", "%s holds %d unlabelled units of batch %s, cannot label %d", owner, have, b.name(), len(ss))
	}
	b.Raise(Labelled{GTIN: b.reg.GTIN, Lot: b.reg.Lot, OwnerUSCC: owner.String(), Serials: ss}, b.apply)
	return nil
}

// Clear records customs' decision for the batch under a declaration. A
// rejected batch stays rejected.
func (b *Batch) Clear(declarationNo, decision, reason string) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	if b.rejected || b.released {
		return domain.Conflict("batch_was_already_cleared_by", "batch %s was already cleared by customs", b.name())
	}
	b.Raise(Cleared{GTIN: b.reg.GTIN, Lot: b.reg.Lot, DeclarationNo: declarationNo, Decision: decision, Reason: reason}, b.apply)
	return nil
}

// DeclarableBy says whether importer may declare this batch to customs: a
// registered batch it imported that customs has not cleared yet.
func (b *Batch) DeclarableBy(importer ident.USCC) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	switch {
	case !b.reg.Imported:
		return domain.ConflictAt("gtin", "batch_domestic_nothing_to_declare", "batch %s is domestic: nothing to declare", b.name())
	case b.Cleared():
		return domain.ConflictAt("lot", "batch_already_cleared_by_customs", "batch %s was already cleared by customs", b.name())
	case b.reg.OwnerUSCC != importer.String():
		return domain.ConflictAt("lot", "batch_imported_by_another", "batch %s was imported by %s", b.name(), b.reg.OwnerUSCC)
	}
	return nil
}

// Ship sends units from one holder to another. Imported goods must be
// released, recalled goods stay where they are, and nobody ships what they
// do not hold.
func (b *Batch) Ship(shipmentID string, from, to ident.USCC, waybill string, u Units) error {
	return b.ShipIn(shipmentID, from, to, waybill, u, nil)
}

// ShipIn is Ship for units some of which travel packed in containers: a
// packed unit ships only with its container (one of containers).
func (b *Batch) ShipIn(shipmentID string, from, to ident.USCC, waybill string, u Units, containers []string) error {
	if err := b.mustMove("shipped"); err != nil {
		return err
	}
	if from == to {
		return domain.Invalid("to_uscc", "sender", "is the sender")
	}
	if err := b.mustHold(from.String(), u, "ship"); err != nil {
		return err
	}
	if err := b.mustBeUnpacked(u, containers, "ship"); err != nil {
		return err
	}
	b.Raise(Shipped{GTIN: b.reg.GTIN, Lot: b.reg.Lot, ShipmentID: shipmentID, FromUSCC: from.String(),
		ToUSCC: to.String(), Waybill: waybill, Containers: containers, Units: u}, b.apply)
	return nil
}

// ReceiptTerms are the facts outside the batch a receipt depends on.
type ReceiptTerms struct {
	// Certificate is the product's certificate state at the ledger's
	// recording time: imported goods are received only under an issued one.
	Certificate product.Status
}

// Receive confirms a shipment's units at the receiver, once. The receiver's
// intake is where imported goods' certificates are checked (查验).
func (b *Batch) Receive(shipmentID string, to ident.USCC, terms ReceiptTerms) error {
	t, ok := b.transits[shipmentID]
	if !ok {
		return domain.NotFound("id", "shipment_carries_nothing_batch", "shipment %s carries nothing of batch %s", shipmentID, b.name())
	}
	if t.to != to.String() {
		return domain.Forbidden("id", "shipment_addressed", "shipment %s is addressed to %s", shipmentID, t.to)
	}
	if t.received {
		return domain.Conflict("shipment_was_already_received", "shipment %s was already received", shipmentID)
	}
	if err := b.mustBeCertified(terms.Certificate, "received", "id"); err != nil {
		return err
	}
	b.Raise(Received{GTIN: b.reg.GTIN, Lot: b.reg.Lot, ShipmentID: shipmentID, ToUSCC: to.String(), Units: t.units}, b.apply)
	return nil
}

// SaleTerms are the facts outside the batch a sale depends on.
type SaleTerms struct {
	// Certificate is the product's certificate state at the ledger's
	// recording time: imported goods are sold only under an issued one.
	Certificate product.Status
	// Now is the ledger's clock at recording: an expired batch (its expiry
	// date before Now's date in China) is not sold. Zero skips the check.
	Now time.Time
}

// Sell sells units the seller holds to consumers. An item is sold once;
// recalled or unreleased goods, and imported goods without a valid
// certificate, are not sold.
func (b *Batch) Sell(seller ident.USCC, channel string, u Units, terms SaleTerms) error {
	if err := b.mustMove("sold"); err != nil {
		return err
	}
	field := "lines"
	if len(u.Serials) > 0 {
		field = "items"
	}
	if err := b.mustBeCertified(terms.Certificate, "sold", field); err != nil {
		return err
	}
	if err := b.saleAllowed(seller.String(), terms.Now); err != nil {
		return err
	}
	if strings.TrimSpace(channel) == "" {
		return domain.Invalid("channel", "required", "is required")
	}
	if err := b.mustHold(seller.String(), u, "sell"); err != nil {
		return err
	}
	if err := b.mustBeUnpacked(u, nil, "sell"); err != nil {
		return err
	}
	b.Raise(Sold{GTIN: b.reg.GTIN, Lot: b.reg.Lot, SellerUSCC: seller.String(), Channel: channel, Units: u}, b.apply)
	return nil
}

// Recall marks the batch as named by a recall, once per recall. A regulator
// orders any batch recalled; an enterprise recalls only batches it produced
// or imported.
func (b *Batch) Recall(recallID string, level int, by access.Actor) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	if by.IsEnterprise() && b.reg.OwnerUSCC != by.USCC {
		return domain.Forbidden("lot", "enterprise_recalls_only_batches_produced", "an enterprise recalls only batches it produced or imported")
	}
	if b.InRecall(recallID) {
		return domain.Conflict("batch_already_in_recall", "batch %s is already in recall %s", b.name(), recallID)
	}
	b.Raise(Recalled{GTIN: b.reg.GTIN, Lot: b.reg.Lot, RecallID: recallID, Level: level}, b.apply)
	return nil
}

// Return records units a holder returned or destroyed under a recall of this
// batch: items it holds in stock or sold, and unlabelled units from its stock
// first, then from what it sold.
func (b *Batch) Return(recallID string, holder ident.USCC, disposition string, u Units) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	if !b.InRecall(recallID) {
		return domain.Conflict("batch_not_in_recall", "batch %s is not in recall %s", b.name(), recallID)
	}
	if disposition != DispositionReturned && disposition != DispositionDestroyed {
		return domain.Invalid("disposition", "must_returned_or_destroyed", "must be returned or destroyed")
	}
	h := holder.String()
	for i, s := range u.Serials {
		it, ok := b.items[s]
		if !ok || it.holder != h || (it.state != StateInStock && it.state != StateSold) {
			return domain.ConflictAt(fmt.Sprintf("items[%d]", i), "does_not_hold_item_batch", "%s does not hold item %s of batch %s in stock or sold", h, s, b.name())
		}
	}
	if have := b.held(h).Stock + b.held(h).Sold; u.Quantity > have {
		return domain.Conflict("holds_or_sold_unlabelled_units", "%s holds or sold %d unlabelled units of batch %s, cannot return %d", h, have, b.name(), u.Quantity)
	}
	b.Raise(Returned{GTIN: b.reg.GTIN, Lot: b.reg.Lot, RecallID: recallID, HolderUSCC: h, Disposition: disposition, Units: u}, b.apply)
	return nil
}

// Inspect records a market inspection of the batch at an enterprise.
func (b *Batch) Inspect(at ident.USCC, result, findings string) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	if result != "pass" && result != "fail" {
		return domain.Invalid("result", "must_pass_or_fail", "must be pass or fail")
	}
	if result == "fail" && strings.TrimSpace(findings) == "" {
		return domain.Invalid("findings", "required_when_inspection_fails", "is required when the inspection fails")
	}
	b.Raise(Inspected{GTIN: b.reg.GTIN, Lot: b.reg.Lot, EnterpriseUSCC: at.String(), Result: result, Findings: findings}, b.apply)
	return nil
}

func (b *Batch) name() string { return b.reg.GTIN + "/" + b.reg.Lot }

func (b *Batch) mustExist() error {
	if !b.Registered() {
		return domain.NotFound("lot", "batch_not_registered_2", "batch is not registered")
	}
	return nil
}

// mustMove refuses to move goods that are recalled, rejected by customs, or
// imported and not yet released.
func (b *Batch) mustMove(verb string) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	switch {
	case b.Recalled():
		return domain.Conflict("batch_recalled_cannot", "batch %s is recalled: it cannot be %s", b.name(), verb)
	case b.rejected:
		return domain.Conflict("batch_was_rejected_by_customs", "batch %s was rejected by customs: it cannot be %s", b.name(), verb)
	case b.reg.Imported && !b.released:
		return domain.Conflict("batch_imported_and_not_released", "batch %s is imported and not released by customs: it cannot be %s", b.name(), verb)
	}
	return nil
}

// mustHold checks that holder has every item in stock and enough unlabelled
// units.
func (b *Batch) mustHold(holder string, u Units, verb string) error {
	if u.Count() <= 0 {
		return domain.Invalid("items", "no_units_given", "no units given")
	}
	if u.Quantity < 0 {
		return domain.Invalid("lines", "quantity_must_positive", "quantity must be positive")
	}
	for i, s := range u.Serials {
		field := fmt.Sprintf("items[%d]", i)
		it, ok := b.items[s]
		switch {
		case !ok:
			return domain.NotFound(field, "item_batch_not_labelled", "item %s of batch %s is not labelled", s, b.name())
		case it.state == StateSold:
			return domain.ConflictAt(field, "item_batch_already_sold", "item %s of batch %s is already sold", s, b.name())
		case it.holder != holder || it.state != StateInStock:
			return domain.ConflictAt(field, "does_not_hold_item_batch_2", "%s does not hold item %s of batch %s: cannot %s it", holder, s, b.name(), verb)
		case it.off != onSale:
			return domain.ConflictAt(field, "item_batch_withdrawn_from_sale", "item %s of batch %s is withdrawn from sale at %s: cannot %s it", s, b.name(), holder, verb)
		}
	}
	if have := b.sellable(holder); u.Quantity > have {
		return domain.Conflict("holds_unlabelled_units_batch_on", "%s holds %d unlabelled units of batch %s on sale, cannot %s %d", holder, have, b.name(), verb, u.Quantity)
	}
	return nil
}

// saleAllowed refuses a sale the batch's state forbids at the seller on
// the ledger's clock: an expired batch, or one whose last market
// inspection at the seller failed (until a passing re-inspection there).
func (b *Batch) saleAllowed(seller string, now time.Time) error {
	if !now.IsZero() && ExpiredAt(b.reg.ExpiresOn, now) {
		return domain.ConflictAt("expires_on", "batch_expired_on_expired_goods", "batch %s expired on %s: expired goods are withdrawn from sale, not sold", b.name(), b.reg.ExpiresOn)
	}
	if b.FailedInspectionAt(seller) {
		return domain.ConflictAt("inspection", "batch_failed_market_inspection_at", "batch %s failed market inspection at %s: it is not sold there until a passing re-inspection", b.name(), seller)
	}
	return nil
}
