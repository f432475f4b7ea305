package command

import (
	"context"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// The commands of the ledger, each decided along execute's one path.

// RegisterEnterprise registers an enterprise (regulators only).
func (h *Handlers) RegisterEnterprise(ctx context.Context, a access.Actor, in RegisterEnterprise) (Outcome, error) {
	return h.execute("RegisterEnterprise", a, in, func() (Outcome, error) { return h.registerEnterprise(ctx, a, in) })
}

// ImposePenalty records an administrative penalty (regulators only).
func (h *Handlers) ImposePenalty(ctx context.Context, a access.Actor, in ImposePenalty) (Outcome, error) {
	return h.execute("ImposePenalty", a, in, func() (Outcome, error) { return h.imposePenalty(ctx, a, in) })
}

// RegisterProduct registers a product for its owner.
func (h *Handlers) RegisterProduct(ctx context.Context, a access.Actor, in RegisterProduct) (Outcome, error) {
	return h.execute("RegisterProduct", a, in, func() (Outcome, error) { return h.registerProduct(ctx, a, in) })
}

// NotifyBarcode records an importer's barcode notification.
func (h *Handlers) NotifyBarcode(ctx context.Context, a access.Actor, in NotifyBarcode) (Outcome, error) {
	return h.execute("NotifyBarcode", a, in, func() (Outcome, error) { return h.notifyBarcode(ctx, a, in) })
}

// VerifyBarcode records the outcome of a barcode verification (regulators).
func (h *Handlers) VerifyBarcode(ctx context.Context, a access.Actor, in VerifyBarcode) (Outcome, error) {
	return h.execute("VerifyBarcode", a, in, func() (Outcome, error) { return h.verifyBarcode(ctx, a, in) })
}

// AuthoriseImporter lets another importer act for a product (its owner or a
// regulator).
func (h *Handlers) AuthoriseImporter(ctx context.Context, a access.Actor, in AuthoriseImporter) (Outcome, error) {
	return h.execute("AuthoriseImporter", a, in, func() (Outcome, error) { return h.authoriseImporter(ctx, a, in) })
}

// DeauthoriseImporter ends an importer's authorisation for a product.
func (h *Handlers) DeauthoriseImporter(ctx context.Context, a access.Actor, in DeauthoriseImporter) (Outcome, error) {
	return h.execute("DeauthoriseImporter", a, in, func() (Outcome, error) { return h.deauthoriseImporter(ctx, a, in) })
}

// RevokeCertificate revokes a product's certificate (regulators).
func (h *Handlers) RevokeCertificate(ctx context.Context, a access.Actor, in RevokeCertificate) (Outcome, error) {
	return h.execute("RevokeCertificate", a, in, func() (Outcome, error) { return h.revokeCertificate(ctx, a, in) })
}

// RenewCertificate extends an issued certificate before it expires
// (regulators).
func (h *Handlers) RenewCertificate(ctx context.Context, a access.Actor, in RenewCertificate) (Outcome, error) {
	return h.execute("RenewCertificate", a, in, func() (Outcome, error) { return h.renewCertificate(ctx, a, in) })
}

// AmendCertificate changes an issued certificate's notified data (its
// holder, the owner or an authorised importer, or a regulator for them).
func (h *Handlers) AmendCertificate(ctx context.Context, a access.Actor, in AmendCertificate) (Outcome, error) {
	return h.execute("AmendCertificate", a, in, func() (Outcome, error) { return h.amendCertificate(ctx, a, in) })
}

// AllowRenotification lets a revoked product be notified again
// (regulators).
func (h *Handlers) AllowRenotification(ctx context.Context, a access.Actor, in AllowRenotification) (Outcome, error) {
	return h.execute("AllowRenotification", a, in, func() (Outcome, error) { return h.allowRenotification(ctx, a, in) })
}

// RegisterBatch records a batch produced or imported by its owner.
func (h *Handlers) RegisterBatch(ctx context.Context, a access.Actor, in RegisterBatch) (Outcome, error) {
	return h.execute("RegisterBatch", a, in, func() (Outcome, error) { return h.registerBatch(ctx, a, in) })
}

// ApplyLabels binds labels to units the owner holds and answers their Digital Links.
func (h *Handlers) ApplyLabels(ctx context.Context, a access.Actor, in ApplyLabels) (Outcome, error) {
	return h.execute("ApplyLabels", a, in, func() (Outcome, error) { return h.applyLabels(ctx, a, in) })
}

// InspectMarket records a market inspection (regulators).
func (h *Handlers) InspectMarket(ctx context.Context, a access.Actor, in InspectMarket) (Outcome, error) {
	return h.execute("InspectMarket", a, in, func() (Outcome, error) { return h.inspectMarket(ctx, a, in) })
}

// DeclareCustoms files an importer's customs declaration.
func (h *Handlers) DeclareCustoms(ctx context.Context, a access.Actor, in DeclareCustoms) (Outcome, error) {
	return h.execute("DeclareCustoms", a, in, func() (Outcome, error) { return h.declareCustoms(ctx, a, in) })
}

// InspectCustoms records customs' inspection of a declaration (regulators).
func (h *Handlers) InspectCustoms(ctx context.Context, a access.Actor, in InspectCustoms) (Outcome, error) {
	return h.execute("InspectCustoms", a, in, func() (Outcome, error) { return h.inspectCustoms(ctx, a, in) })
}

// DecideRelease releases or rejects a declaration and its batches (regulators).
func (h *Handlers) DecideRelease(ctx context.Context, a access.Actor, in DecideRelease) (Outcome, error) {
	return h.execute("DecideRelease", a, in, func() (Outcome, error) { return h.decideRelease(ctx, a, in) })
}

// Ship moves goods from the sender to the receiver.
func (h *Handlers) Ship(ctx context.Context, a access.Actor, in Ship) (Outcome, error) {
	return h.execute("Ship", a, in, func() (Outcome, error) { return h.ship(ctx, a, in) })
}

// ConfirmReceipt confirms a shipment at its receiver.
func (h *Handlers) ConfirmReceipt(ctx context.Context, a access.Actor, in ConfirmReceipt) (Outcome, error) {
	return h.execute("ConfirmReceipt", a, in, func() (Outcome, error) { return h.confirmReceipt(ctx, a, in) })
}

// Sell records a sale to consumers.
func (h *Handlers) Sell(ctx context.Context, a access.Actor, in Sell) (Outcome, error) {
	return h.execute("Sell", a, in, func() (Outcome, error) { return h.sell(ctx, a, in) })
}

// StartRecall starts a recall of batches.
func (h *Handlers) StartRecall(ctx context.Context, a access.Actor, in StartRecall) (Outcome, error) {
	return h.execute("StartRecall", a, in, func() (Outcome, error) { return h.startRecall(ctx, a, in) })
}

// RecordRecallReturn records units a holder returned or destroyed under a recall.
func (h *Handlers) RecordRecallReturn(ctx context.Context, a access.Actor, in RecordRecallReturn) (Outcome, error) {
	return h.execute("RecordRecallReturn", a, in, func() (Outcome, error) { return h.recordRecallReturn(ctx, a, in) })
}

// CloseRecall closes a recall once every affected unit is accounted for.
func (h *Handlers) CloseRecall(ctx context.Context, a access.Actor, in CloseRecall) (Outcome, error) {
	return h.execute("CloseRecall", a, in, func() (Outcome, error) { return h.closeRecall(ctx, a, in) })
}

// RemindRecallHolders reminds the holders yet to acknowledge a recall's
// notice.
func (h *Handlers) RemindRecallHolders(ctx context.Context, a access.Actor, in RemindRecallHolders) (Outcome, error) {
	return h.execute("RemindRecallHolders", a, in, func() (Outcome, error) { return h.remindRecallHolders(ctx, a, in) })
}

// AcceptPublicNotice records that the public notice suffices for a recall's
// sold units (regulator).
func (h *Handlers) AcceptPublicNotice(ctx context.Context, a access.Actor, in AcceptPublicNotice) (Outcome, error) {
	return h.execute("AcceptPublicNotice", a, in, func() (Outcome, error) { return h.acceptPublicNotice(ctx, a, in) })
}

// AcknowledgeRecallNotice records a holder acknowledging a recall notice.
func (h *Handlers) AcknowledgeRecallNotice(ctx context.Context, a access.Actor, in AcknowledgeRecallNotice) (Outcome, error) {
	return h.execute("AcknowledgeRecallNotice", a, in, func() (Outcome, error) { return h.acknowledgeRecallNotice(ctx, a, in) })
}

// mayAcknowledge allows enterprises only: the acknowledgement is the
// holder's own, which nobody records for it.
func mayAcknowledge(a access.Actor) error {
	if !a.IsEnterprise() {
		return domain.Forbidden("", "only_holder_acknowledges_recall_notice", "only the holder acknowledges a recall notice")
	}
	return nil
}

// RecordNotification records a recall notice's delivery to a holder, once.
func (h *Handlers) RecordNotification(ctx context.Context, a access.Actor, in RecordNotification) (Outcome, error) {
	return h.execute("RecordNotification", a, in, func() (Outcome, error) { return h.recordNotification(ctx, a, in) })
}

// PackContainer packs units and cases into a case or pallet (SSCC).
func (h *Handlers) PackContainer(ctx context.Context, a access.Actor, in PackContainer) (Outcome, error) {
	return h.execute("PackContainer", a, in, func() (Outcome, error) { return h.packContainer(ctx, a, in) })
}

// UnpackContainer takes units and cases out of a case or pallet (SSCC).
func (h *Handlers) UnpackContainer(ctx context.Context, a access.Actor, in UnpackContainer) (Outcome, error) {
	return h.execute("UnpackContainer", a, in, func() (Outcome, error) { return h.unpackContainer(ctx, a, in) })
}

// RecordTransformation records output batches made of input goods.
func (h *Handlers) RecordTransformation(ctx context.Context, a access.Actor, in RecordTransformation) (Outcome, error) {
	return h.execute("RecordTransformation", a, in, func() (Outcome, error) { return h.recordTransformation(ctx, a, in) })
}
