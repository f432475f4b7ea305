package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// problem is an RFC 7807 answer of the EPCIS binding: its exception type
// (epcisException:…), a title, the status and what went wrong.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
}

// epcisExceptions names the binding's exception for each status the
// query interface answers.
var epcisExceptions = map[int][2]string{
	http.StatusBadRequest:          {"epcisException:QueryParameterException", "Invalid query parameter"},
	http.StatusUnauthorized:        {"epcisException:SecurityException", "Unauthorized request"},
	http.StatusForbidden:           {"epcisException:SecurityException", "Access denied"},
	http.StatusNotFound:            {"epcisException:NoSuchResourceException", "Resource not found"},
	http.StatusNotAcceptable:       {"epcisException:NotAcceptableException", "Not acceptable"},
	http.StatusConflict:            {"epcisException:ResourceAlreadyExistsException", "Resource already exists"},
	http.StatusServiceUnavailable:  {"epcisException:ImplementationException", "Not available yet"},
	http.StatusInternalServerError: {"epcisException:ImplementationException", "Internal error"},
}

// writeProblem answers err as the binding's problem+json: the status the
// contract's mapping chooses (classify), the detail naming the parameter.
func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	status, d := classify(err)
	if status >= 500 && status != http.StatusServiceUnavailable {
		s.logger.ErrorContext(r.Context(), "request failed", "method", r.Method, "route", routeLabel(r.Pattern, ""), "status", status, "err", err)
	}
	ex, ok := epcisExceptions[status]
	if !ok {
		ex = epcisExceptions[http.StatusInternalServerError]
	}
	detail := d.Message
	if d.Field != "" {
		detail = d.Field + ": " + d.Message
	}
	body, _ := json.Marshal(problem{Type: ex[0], Title: ex[1], Status: status, Detail: detail})
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Length", strconv.Itoa(len(body)+1))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}
