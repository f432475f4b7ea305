package httpapi

import (
	"net/http"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// Names answers an enterprise's registered name ("" when unknown). The
// directory projection implements it, so answers show the name the
// directory shows.
type Names = query.Names

// RouteRisk serves an enterprise's credit grade with the factors that
// produced it, to regulators and analysts, and to an enterprise for its own
// USCC. ?as_of= (RFC 3339, or YYYY-MM-DD for 00:00 UTC of that day; default
// now) is the time the time-dependent factors are judged at.
func (s *Server) RouteRisk(q *query.Grades) {
	s.HandleFunc("GET /api/v1/enterprises/{uscc}/risk", func(w http.ResponseWriter, r *http.Request) error {
		u, err := ident.ParseUSCC(r.PathValue("uscc"))
		if err != nil {
			return domain.InvalidValue("uscc", err)
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (query.Grade, error) { return q.Of(r.Context(), rd, u.String(), now) })
	}, Roles(access.Readers...))
}

// asOf reads ?as_of=: an RFC 3339 time, or a date meaning 00:00 UTC of that
// day; now when absent.
func asOf(r *http.Request) (time.Time, error) {
	raw := r.URL.Query().Get("as_of")
	if raw == "" {
		return time.Now().UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339, raw); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, raw); err == nil {
		return t, nil
	}
	return time.Time{}, domain.Invalid("as_of", "not_rfc_3339_time_or", "%q is not an RFC 3339 time or a YYYY-MM-DD date", raw)
}
