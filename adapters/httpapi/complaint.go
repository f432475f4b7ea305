package httpapi

import (
	"context"
	"net"
	"net/http"
	"strconv"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// ComplaintCommands are the case's commands; *command.Handlers implements
// them.
type ComplaintCommands interface {
	SubmitComplaint(ctx context.Context, a access.Actor, in command.SubmitComplaint) (command.Outcome, error)
	AcceptComplaint(ctx context.Context, a access.Actor, in command.AcceptComplaint) (command.Outcome, error)
	RefuseComplaint(ctx context.Context, a access.Actor, in command.RefuseComplaint) (command.Outcome, error)
	InvestigateComplaint(ctx context.Context, a access.Actor, in command.InvestigateComplaint) (command.Outcome, error)
	TransferComplaint(ctx context.Context, a access.Actor, in command.TransferComplaint) (command.Outcome, error)
	AnswerComplaint(ctx context.Context, a access.Actor, in command.AnswerComplaint) (command.Outcome, error)
}

// The public intake's rate limit per client address: a consumer files a
// complaint or two; a script filing hundreds is stopped.
const (
	DefaultIntakeRate  = 1.0 / 30 // one every 30 seconds, sustained
	DefaultIntakeBurst = 5
)

// The public status lookup's rate limit per client address: a consumer
// checks a case now and then; a script guessing codes is stopped long
// before 80 bits give way.
const (
	DefaultLookupRate  = 1.0 / 6 // one every 6 seconds, sustained
	DefaultLookupBurst = 10
)

// MaxFollowUpCode bounds the code a lookup sends (19 characters as
// answered, with room for spaces typed between its groups).
const MaxFollowUpCode = 64

// ComplaintOption configures RouteComplaints.
type ComplaintOption func(*complaintRoutes)

// WithIntakeRate sets the public intake's rate limit per client address
// (requests per second and burst); a negative rate disables it.
func WithIntakeRate(rate float64, burst int) ComplaintOption {
	return func(cr *complaintRoutes) { cr.intake = newLimiter(rate, burst) }
}

// WithLookupRate sets the public status lookup's rate limit per client
// address (requests per second and burst); a negative rate disables it.
func WithLookupRate(rate float64, burst int) ComplaintOption {
	return func(cr *complaintRoutes) { cr.lookups = newLimiter(rate, burst) }
}

type complaintRoutes struct {
	s       *Server
	q       *query.Complaints
	cmds    ComplaintCommands
	intake  *limiter
	lookups *limiter
}

// RouteComplaints serves the complaint cases: the public intake (no
// token, rate limited per client address), the regulator's steps, the
// enterprise's answer, the case list with its filters and a case's detail.
func (s *Server) RouteComplaints(cmds ComplaintCommands, q *query.Complaints, opts ...ComplaintOption) {
	cr := &complaintRoutes{s: s, q: q, cmds: cmds, intake: newLimiter(DefaultIntakeRate, DefaultIntakeBurst),
		lookups: newLimiter(DefaultLookupRate, DefaultLookupBurst)}
	for _, o := range opts {
		o(cr)
	}
	id := func(r *http.Request) string { return r.PathValue("id") }
	s.HandleFunc("POST /api/v1/public/complaints", cr.submit, Public)
	s.HandleFunc("POST /api/v1/public/complaints/{id}/status", cr.publicStatus, Public)
	for _, rt := range []struct {
		pattern string
		run     runCommand
	}{
		{"/api/v1/complaints/{id}/acceptance", bind(cmds.AcceptComplaint, true, func(in *command.AcceptComplaint, r *http.Request) { in.ComplaintID = id(r) })},
		{"/api/v1/complaints/{id}/refusal", bind(cmds.RefuseComplaint, false, func(in *command.RefuseComplaint, r *http.Request) { in.ComplaintID = id(r) })},
		{"/api/v1/complaints/{id}/investigation", bind(cmds.InvestigateComplaint, true, func(in *command.InvestigateComplaint, r *http.Request) { in.ComplaintID = id(r) })},
		{"/api/v1/complaints/{id}/transfer", bind(cmds.TransferComplaint, false, func(in *command.TransferComplaint, r *http.Request) { in.ComplaintID = id(r) })},
		{"/api/v1/complaints/{id}/answers", bind(cmds.AnswerComplaint, false, func(in *command.AnswerComplaint, r *http.Request) { in.ComplaintID = id(r) })},
	} {
		s.HandleFunc("POST "+rt.pattern, s.commandHandler(rt.run), commandAccess)
	}
	s.HandleFunc("GET /api/v1/complaints", cr.list, traceAccess)
	s.HandleFunc("GET /api/v1/complaints/{id}", cr.detail, traceAccess)
}

// submit is the public intake: a consumer's complaint, without a token and
// without a claimed time (the ledger records when it received it).
func (cr *complaintRoutes) submit(w http.ResponseWriter, r *http.Request) error {
	if ok, wait := cr.intake.allow("intake:" + clientAddress(r)); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		return &requestError{status: http.StatusTooManyRequests, code: "rate_limited", message: "too many complaints from this address; retry later"}
	}
	if r.Header.Get(IdempotencyKeyHeader) != "" {
		// Keys are scoped by token; the public has none, so a retry could
		// not be recognised: refused rather than silently ignored.
		return badRequest(IdempotencyKeyHeader, "public_intake_takes_no_idempotency", "the public intake takes no Idempotency-Key: a retry files a second complaint")
	}
	body, err := cr.s.readBody(w, r)
	if err != nil {
		return err
	}
	var in command.SubmitComplaint
	if err := decodeJSON(body, &in, false); err != nil {
		return err
	}
	if in.OccurredAt != nil {
		return badRequest("occurred_at", "public_intake_records_time_receives", "the public intake records the time it receives a complaint")
	}
	corr := correlationID(r)
	w.Header().Set(CorrelationHeader, corr)
	out, err := cr.cmds.SubmitComplaint(command.WithCorrelation(r.Context(), corr, ""), access.Actor{}, in)
	if err != nil {
		return err
	}
	resp, err := commandResponse(out)
	if err != nil {
		return err
	}
	writeSaved(w, resp)
	return nil
}

// clientAddress is the request's peer address without its port: the key
// of the public intake's limit. Forwarded headers are not trusted (a
// client could pick a new address per request).
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// casePage is the answer of GET /api/v1/complaints.
type casePage struct {
	Complaints []query.ComplaintCase `json:"complaints"`
	Next       *string               `json:"next"`
}

// list answers a page of cases: ?status, ?enterprise, ?gtin, ?region,
// ?overdue (any, acceptance, conclusion), ?after, ?limit, ?as_of.
func (cr *complaintRoutes) list(w http.ResponseWriter, r *http.Request) error {
	now, err := asOf(r)
	if err != nil {
		return err
	}
	after, limit, err := pageParams(r)
	if err != nil {
		return err
	}
	v := r.URL.Query()
	f := query.ComplaintFilter{Status: v.Get("status"), Region: v.Get("region"), Overdue: v.Get("overdue"), After: after, Limit: limit}
	if raw := v.Get("enterprise"); raw != "" {
		u, err := ident.ParseUSCC(raw)
		if err != nil {
			return domain.InvalidValue("enterprise", err)
		}
		f.Enterprise = u.String()
	}
	if raw := v.Get("gtin"); raw != "" {
		g, err := ident.ParseGTIN(raw)
		if err != nil {
			return domain.InvalidValue("gtin", err)
		}
		f.GTIN = g.String()
	}
	if len(f.Region) > command.MaxLine {
		return domain.Invalid("region", "longer_than_characters", "is longer than %d characters", command.MaxLine)
	}
	if f.Filed, err = timeRange(v, "filed"); err != nil {
		return err
	}
	return answerJSON(w, r, cr.q, func(rd query.Read) (casePage, error) {
		pg, err := cr.q.List(r.Context(), rd, f, now)
		out := casePage{Complaints: pg.Complaints, Next: cursorAt(pg.Next)}
		if out.Complaints == nil {
			out.Complaints = []query.ComplaintCase{}
		}
		return out, err
	})
}

// detail answers one case with its timeline.
func (cr *complaintRoutes) detail(w http.ResponseWriter, r *http.Request) error {
	now, err := asOf(r)
	if err != nil {
		return err
	}
	return answerJSON(w, r, cr.q, func(rd query.Read) (query.ComplaintCase, error) {
		return cr.q.Case(r.Context(), rd, r.PathValue("id"), now)
	})
}

// statusRequest is the body of the public status lookup: the follow-up
// code travels in the body, never in the URL, so access logs, proxies and
// the browser's history do not keep it.
type statusRequest struct {
	Code string `json:"code"`
}

// publicStatus answers a case's public status to whoever holds its number
// and follow-up code, without a token, rate limited per client address.
// An unknown number and a wrong code answer the same 404.
func (cr *complaintRoutes) publicStatus(w http.ResponseWriter, r *http.Request) error {
	if ok, wait := cr.lookups.allow("lookup:" + clientAddress(r)); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		return &requestError{status: http.StatusTooManyRequests, code: "rate_limited", message: "too many lookups from this address; retry later"}
	}
	body, err := cr.s.readBody(w, r)
	if err != nil {
		return err
	}
	var in statusRequest
	if err := decodeJSON(body, &in, false); err != nil {
		return err
	}
	if len(in.Code) > MaxFollowUpCode {
		return domain.Invalid("code", "longer_than_characters", "is longer than %d characters", MaxFollowUpCode)
	}
	if len(r.PathValue("id")) > command.MaxLine {
		return domain.Invalid("id", "longer_than_characters", "is longer than %d characters", command.MaxLine)
	}
	now, err := asOf(r)
	if err != nil {
		return err
	}
	return answerJSON(w, r, cr.q, func(rd query.Read) (query.PublicComplaintStatus, error) {
		return cr.q.PublicStatus(r.Context(), rd, r.PathValue("id"), in.Code, now)
	})
}
