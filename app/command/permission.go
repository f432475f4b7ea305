package command

import (
	"slices"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/ident"
)

// actingAs parses the USCC of field and asks the domain whether the actor
// may act for it (access.Actor.ActsFor).
func actingAs(a access.Actor, field, s string) (ident.USCC, error) {
	u, err := parseUSCC(field, s)
	if err != nil {
		return u, err
	}
	return u, a.ActsFor(u.String(), field)
}

// permission is who may give one command at all: a rule of the domain
// (one of access.Actor's checks, or the aggregate's own, as complaint's
// MayAnswer) and the stable name a client knows it by (GET /api/v1/me's
// "may"). A rule passing says only that the actor's role may give the
// command; the handler may still refuse the input (another's goods, a
// closed recall).
type permission struct {
	capability string
	rule       func(access.Actor) error
}

// anyone lets every actor give the command (the public complaint intake).
func anyone(access.Actor) error { return nil }

// permissions is the one table of the commands' rules, by the command's
// name in execute: execute asks it before anything else, and Capabilities
// answers from it, so what a client is told it may do is what the
// commands allow.
var permissions = map[string]permission{
	"RegisterEnterprise":      {"enterprise.register", access.Actor.MustBeRegulator},
	"ImposePenalty":           {"penalty.impose", access.Actor.MustBeRegulator},
	"RegisterProduct":         {"product.register", access.Actor.MayRecord},
	"NotifyBarcode":           {"barcode.notify", access.Actor.MayRecord},
	"VerifyBarcode":           {"barcode.verify", access.Actor.MustBeRegulator},
	"AuthoriseImporter":       {"importer.authorise", access.Actor.MayRecord},
	"DeauthoriseImporter":     {"importer.deauthorise", access.Actor.MayRecord},
	"RevokeCertificate":       {"certificate.revoke", access.Actor.MustBeRegulator},
	"RenewCertificate":        {"certificate.renew", access.Actor.MustBeRegulator},
	"AmendCertificate":        {"certificate.amend", access.Actor.MayRecord},
	"AllowRenotification":     {"certificate.allow_renotification", access.Actor.MustBeRegulator},
	"RegisterBatch":           {"batch.register", access.Actor.MayRecord},
	"ApplyLabels":             {"labels.apply", access.Actor.MayRecord},
	"InspectMarket":           {"market.inspect", access.Actor.MustBeRegulator},
	"DeclareCustoms":          {"customs.declare", access.Actor.MayRecord},
	"InspectCustoms":          {"customs.inspect", access.Actor.MustBeRegulator},
	"DecideRelease":           {"customs.release", access.Actor.MustBeRegulator},
	"Ship":                    {"goods.ship", access.Actor.MayRecord},
	"ConfirmReceipt":          {"goods.receive", access.Actor.MayRecord},
	"Sell":                    {"goods.sell", access.Actor.MayRecord},
	"StartRecall":             {"recall.start", access.Actor.MayRecord},
	"RecordRecallReturn":      {"recall.return", access.Actor.MayRecord},
	"CloseRecall":             {"recall.close", access.Actor.MayRecord},
	"RemindRecallHolders":     {"recall.remind", access.Actor.MayRecord},
	"AcceptPublicNotice":      {"recall.accept_public_notice", access.Actor.MustBeRegulator},
	"AcknowledgeRecallNotice": {"recall.acknowledge", mayAcknowledge},
	"RecordNotification":      {"recall.record_notification", access.Actor.MayRecordDeliveries},
	"PackContainer":           {"container.pack", access.Actor.MayRecord},
	"UnpackContainer":         {"container.unpack", access.Actor.MayRecord},
	"RecordTransformation":    {"transformation.record", access.Actor.MayRecord},
	"FileComplaint":           {"complaint.file", access.Actor.MustBeRegulator},
	"SubmitComplaint":         {"complaint.submit", anyone},
	"AcceptComplaint":         {"complaint.accept", access.Actor.MustBeRegulator},
	"RefuseComplaint":         {"complaint.refuse", access.Actor.MustBeRegulator},
	"InvestigateComplaint":    {"complaint.investigate", access.Actor.MustBeRegulator},
	"ResolveComplaint":        {"complaint.resolve", access.Actor.MustBeRegulator},
	"TransferComplaint":       {"complaint.transfer", access.Actor.MustBeRegulator},
	"AnswerComplaint":         {"complaint.answer", complaint.MayAnswer},
	"DefineEPCISQuery":        {"epcis.query.define", mayQueryEPCIS},
	"DeleteEPCISQuery":        {"epcis.query.delete", mayQueryEPCIS},
	"SubscribeEPCISQuery":     {"epcis.subscribe", maySubscribeEPCIS},
	"UnsubscribeEPCISQuery":   {"epcis.unsubscribe", maySubscribeEPCIS},
	"RegisterLocation":        {"location.register", access.Actor.MayRecord},
	"OrderWithdrawal":         {"withdrawal.order", access.Actor.MustBeRegulator},
	"RecordWithdrawal":        {"withdrawal.record", access.Actor.MayRecord},
	"RecordDisposal":          {"disposal.record", access.Actor.MayRecord},
	"GrantToken":              {"tokens.manage", tokenAdmin},
	"RevokeToken":             {"tokens.manage", tokenAdmin},
}

// permitted asks the command's rule whether a may give it; a command
// without a rule is refused to everyone, so a new command cannot be
// given before its rule is written down.
func permitted(a access.Actor, command string) error {
	p, ok := permissions[command]
	if !ok {
		return domain.Forbidden("", "command_has_no_permission_rule", "command %s has no permission rule", command)
	}
	return p.rule(a)
}

// Capabilities names what a may do among the commands, sorted and without
// repeats: every capability of a command whose rule lets a give it. The
// ledger acting on its own (access.RoleSystem) is never a client and is
// answered like any other actor.
func Capabilities(a access.Actor) []string {
	var out []string
	for _, p := range permissions {
		if p.rule(a) == nil {
			out = append(out, p.capability)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
