package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/event"
)

// requestError is a refusal the adapter itself decides (bad JSON, a missing
// token, a bad query parameter): it carries its own status and code.
type requestError struct {
	status  int
	code    string
	reason  string
	params  []string
	field   string
	message string
}

func (e *requestError) Error() string {
	if e.field != "" {
		return e.field + ": " + e.message
	}
	return e.message
}

// badRequest is a 400 naming the field or parameter at fault, for reason;
// args fill format and are the reason's parameters.
func badRequest(field, reason, format string, args ...any) error {
	ps := make([]string, len(args))
	for i, a := range args {
		ps[i] = fmt.Sprint(a)
	}
	return &requestError{status: http.StatusBadRequest, code: "invalid", reason: reason, params: ps,
		field: field, message: fmt.Sprintf(format, args...)}
}

// errorBody is the one error shape of the contract.
type errorBody struct {
	Error errorDetail `json:"error"`
}

// errorDetail: code is the kind of refusal (invalid, not_found, conflict…),
// reason the stable rule within it and params its values in order, which a
// client renders in its reader's language; message is English, for logs and
// developers.
type errorDetail struct {
	Code    string   `json:"code"`
	Reason  string   `json:"reason"`
	Params  []string `json:"params"`
	Message string   `json:"message"`
	Field   string   `json:"field"`
}

// classify chooses the status and body of an error. It is the only mapping
// from domain and store errors to HTTP in the code base.
func classify(err error) (int, errorDetail) {
	var re *requestError
	if errors.As(err, &re) {
		return re.status, errorDetail{Code: re.code, Reason: re.reason, Params: re.params, Message: re.message, Field: re.field}
	}
	var notYet *query.UnavailableError
	if errors.As(err, &notYet) {
		return http.StatusServiceUnavailable, errorDetail{Code: "unavailable", Message: notYet.Message, Field: notYet.Field}
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return http.StatusRequestEntityTooLarge, errorDetail{Code: "too_large", Message: "request body is larger than the limit"}
	}
	d := errorDetail{Message: err.Error()}
	var fe *domain.FieldError
	var rule *domain.RuleError
	switch {
	case errors.As(err, &fe):
		d.Field, d.Message = fe.Field, fe.Message
	case errors.As(err, &rule):
		d.Field, d.Message = rule.Field, rule.Message
	}
	d.Reason, d.Params = domain.ReasonOf(err)
	for _, k := range errorKinds {
		if errors.Is(err, k.err) {
			d.Code = k.code
			return k.status, d
		}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return http.StatusServiceUnavailable, errorDetail{Code: "unavailable", Message: "the request was cancelled or timed out"}
	}
	return http.StatusInternalServerError, errorDetail{Code: "internal", Message: "internal error"}
}

// complete gives every answer a reason and a params list: a refusal that
// names no rule of its own is told by its kind.
func (d errorDetail) complete() errorDetail {
	if d.Reason == "" {
		d.Reason = d.Code
	}
	if d.Params == nil {
		d.Params = []string{}
	}
	return d
}

// errorKinds are the outcomes the domain and the store refuse with, the
// code and status each is answered with, in the order they are tested.
var errorKinds = []struct {
	err    error
	code   string
	status int
}{
	{domain.ErrInvalid, "invalid", http.StatusBadRequest},
	{domain.ErrNotFound, "not_found", http.StatusNotFound},
	{domain.ErrForbidden, "forbidden", http.StatusForbidden},
	{event.ErrConcurrency, "concurrency", http.StatusConflict},
	{event.ErrDuplicateID, "duplicate", http.StatusConflict},
	{domain.ErrConflict, "conflict", http.StatusConflict},
}

// WriteError answers err in the contract's error shape. Internal errors are
// logged with the request's route and answered without their message, which
// may name files, tables or other internals a client has no business seeing.
func (s *Server) WriteError(w http.ResponseWriter, r *http.Request, err error) {
	status, d := classify(err)
	d = d.complete()
	switch {
	case errors.Is(err, context.Canceled):
		s.logger.DebugContext(r.Context(), "request cancelled", "method", r.Method, "route", routeLabel(r.Pattern, ""))
	case status == http.StatusServiceUnavailable:
		// Read models behind a client's position, no checkpoint signed
		// yet, a read side out of reach (logged as an error where its
		// read failed): states that pass, answered "retry later".
		s.logger.InfoContext(r.Context(), "request unavailable", "method", r.Method, "route", routeLabel(r.Pattern, ""), "err", err)
	case status >= 500:
		s.logger.ErrorContext(r.Context(), "request failed", "method", r.Method, "route", routeLabel(r.Pattern, ""), "status", status, "err", err)
	case status == http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer realm="traceledger"`)
	}
	if s.htmlError(w, r, PageError{Status: status, Code: d.Code, Field: d.Field, Reason: d.Reason, Params: d.Params}) {
		return
	}
	WriteJSON(w, status, errorBody{Error: d})
}

// unmatched answers a request no route matches. The mux's own handler
// decides between 404, 405 (with Allow) and a redirect to a cleaned path; its
// plain-text 404 and 405 are replaced by the contract's JSON.
func (s *Server) unmatched(w http.ResponseWriter, r *http.Request, h http.Handler) {
	rec := &recorder{header: http.Header{}}
	h.ServeHTTP(rec, r)
	switch rec.status {
	case http.StatusNotFound:
		if s.htmlError(w, r, PageError{Status: http.StatusNotFound, Code: "not_found"}) {
			return
		}
		WriteJSON(w, http.StatusNotFound, errorBody{Error: errorDetail{Code: "not_found", Message: "no such route: " + r.URL.Path}.complete()})
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", rec.header.Get("Allow"))
		WriteJSON(w, http.StatusMethodNotAllowed, errorBody{Error: errorDetail{Code: "method_not_allowed", Message: r.Method + " is not allowed on " + r.URL.Path}.complete()})
	default:
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.body)
	}
}

// recorder captures what the mux's fallback handlers write.
type recorder struct {
	header http.Header
	status int
	body   []byte
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	r.body = append(r.body, b...)
	return len(b), nil
}

// isRequestError reports whether err is a refusal the adapter decided.
func isRequestError(err error) bool {
	var re *requestError
	return errors.As(err, &re)
}
