package httpapi

import (
	"context"
	"net/http"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
)

// runCommand decodes a request body and its path parameters into a
// command's input and calls the command.
type runCommand func(ctx context.Context, a access.Actor, r *http.Request, body []byte) (command.Outcome, error)

// bind builds the runCommand of one command: decode the body into In, then
// set In's path fields with set (they are `json:"-"`, so a body cannot
// forge them). allowEmpty accepts an empty body for commands whose fields
// are all optional.
func bind[In any](call func(context.Context, access.Actor, In) (command.Outcome, error), allowEmpty bool, set func(*In, *http.Request)) runCommand {
	return func(ctx context.Context, a access.Actor, r *http.Request, body []byte) (command.Outcome, error) {
		var in In
		if err := decodeJSON(body, &in, allowEmpty); err != nil {
			return command.Outcome{}, err
		}
		if set != nil {
			set(&in, r)
		}
		return call(ctx, a, in)
	}
}

// commandAccess: only regulators and enterprises record events. Which
// commands each of them may send, and for whom, the domain decides
// (access.Actor and the aggregates), through the application.
var commandAccess = Roles(access.RoleRegulator, access.RoleEnterprise)

// routeCommands registers every command endpoint of the contract.
func (s *Server) routeCommands() {
	c := s.commands
	gtin := func(r *http.Request) string { return r.PathValue("gtin") }
	no := func(r *http.Request) string { return r.PathValue("no") }
	id := func(r *http.Request) string { return r.PathValue("id") }
	routes := []struct {
		pattern string
		run     runCommand
	}{
		{"/api/v1/enterprises", bind(c.RegisterEnterprise, false, nil)},
		{"/api/v1/products", bind(c.RegisterProduct, false, nil)},
		{"/api/v1/products/{gtin}/notifications", bind(c.NotifyBarcode, false, func(in *command.NotifyBarcode, r *http.Request) { in.GTIN = gtin(r) })},
		{"/api/v1/products/{gtin}/verification", bind(c.VerifyBarcode, false, func(in *command.VerifyBarcode, r *http.Request) { in.GTIN = gtin(r) })},
		{"/api/v1/products/{gtin}/certificate/revocation", bind(c.RevokeCertificate, false, func(in *command.RevokeCertificate, r *http.Request) { in.GTIN = gtin(r) })},
		{"/api/v1/products/{gtin}/certificate/renewal", bind(c.RenewCertificate, true, func(in *command.RenewCertificate, r *http.Request) { in.GTIN = gtin(r) })},
		{"/api/v1/products/{gtin}/certificate/amendments", bind(c.AmendCertificate, false, func(in *command.AmendCertificate, r *http.Request) { in.GTIN = gtin(r) })},
		{"/api/v1/products/{gtin}/certificate/renotification", bind(c.AllowRenotification, false, func(in *command.AllowRenotification, r *http.Request) { in.GTIN = gtin(r) })},
		{"/api/v1/products/{gtin}/authorisations", bind(c.AuthoriseImporter, false, func(in *command.AuthoriseImporter, r *http.Request) { in.GTIN = gtin(r) })},
		{"/api/v1/products/{gtin}/authorisations/{uscc}/revocation", bind(c.DeauthoriseImporter, true, func(in *command.DeauthoriseImporter, r *http.Request) {
			in.GTIN, in.ImporterUSCC = gtin(r), r.PathValue("uscc")
		})},
		{"/api/v1/batches", bind(c.RegisterBatch, false, nil)},
		{"/api/v1/customs/declarations", bind(c.DeclareCustoms, false, nil)},
		{"/api/v1/customs/declarations/{no}/inspection", bind(c.InspectCustoms, false, func(in *command.InspectCustoms, r *http.Request) { in.DeclarationNo = no(r) })},
		{"/api/v1/customs/declarations/{no}/release", bind(c.DecideRelease, false, func(in *command.DecideRelease, r *http.Request) { in.DeclarationNo = no(r) })},
		{"/api/v1/labels", bind(c.ApplyLabels, false, nil)},
		{"/api/v1/shipments", bind(c.Ship, false, nil)},
		{"/api/v1/shipments/{id}/receipt", bind(c.ConfirmReceipt, true, func(in *command.ConfirmReceipt, r *http.Request) { in.ShipmentID = id(r) })},
		{"/api/v1/sales", bind(c.Sell, false, nil)},
		{"/api/v1/inspections", bind(c.InspectMarket, false, nil)},
		{"/api/v1/complaints", bind(c.FileComplaint, false, nil)},
		{"/api/v1/complaints/{id}/resolution", bind(c.ResolveComplaint, false, func(in *command.ResolveComplaint, r *http.Request) { in.ComplaintID = id(r) })},
		{"/api/v1/recalls", bind(c.StartRecall, false, nil)},
		{"/api/v1/recalls/{id}/returns", bind(c.RecordRecallReturn, false, func(in *command.RecordRecallReturn, r *http.Request) { in.RecallID = id(r) })},
		{"/api/v1/recalls/{id}/closure", bind(c.CloseRecall, true, func(in *command.CloseRecall, r *http.Request) { in.RecallID = id(r) })},
		{"/api/v1/penalties", bind(c.ImposePenalty, false, nil)},
		{"/api/v1/recalls/{id}/public-notice", bind(c.AcceptPublicNotice, false, func(in *command.AcceptPublicNotice, r *http.Request) { in.RecallID = id(r) })},
		{"/api/v1/recalls/{id}/acknowledgement", bind(c.AcknowledgeRecallNotice, false, func(in *command.AcknowledgeRecallNotice, r *http.Request) { in.RecallID = id(r) })},
		{"/api/v1/recalls/{id}/reminders", bind(c.RemindRecallHolders, true, func(in *command.RemindRecallHolders, r *http.Request) { in.RecallID = id(r) })},

		{"/api/v1/withdrawals", bind(c.RecordWithdrawal, false, nil)},
		{"/api/v1/withdrawals/orders", bind(c.OrderWithdrawal, false, nil)},
		{"/api/v1/withdrawals/disposals", bind(c.RecordDisposal, false, nil)},

		{"/api/v1/containers/{sscc}/pack", bind(c.PackContainer, false, func(in *command.PackContainer, r *http.Request) { in.SSCC = r.PathValue("sscc") })},
		{"/api/v1/containers/{sscc}/unpack", bind(c.UnpackContainer, false, func(in *command.UnpackContainer, r *http.Request) { in.SSCC = r.PathValue("sscc") })},
		{"/api/v1/transformations", bind(c.RecordTransformation, false, nil)},
	}
	for _, rt := range routes {
		s.HandleFunc("POST "+rt.pattern, s.commandHandler(rt.run), commandAccess)
	}
}

// commandHandler runs a command under the request's Idempotency-Key, if
// any, and answers 201 with its outcome. The events record the request's
// correlation id. Retrying a concurrency conflict and counting the command in
// the metrics happen in the application, on the input decoded here once.
func (s *Server) commandHandler(run runCommand) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, _ := ActorFrom(r.Context())
		body, err := s.readBody(w, r)
		if err != nil {
			return err
		}
		corr := correlationID(r)
		w.Header().Set(CorrelationHeader, corr)
		ctx := command.WithCorrelation(r.Context(), corr, "")
		return s.idempotent(ctx, w, r, body, func(ctx context.Context) (SavedResponse, error) {
			out, err := run(ctx, actor, r, body)
			if err != nil {
				return SavedResponse{}, err
			}
			return commandResponse(out)
		})
	}
}
