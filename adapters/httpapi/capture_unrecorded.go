package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// RouteUnrecordedCaptures serves GET /api/v1/captures/unrecorded: the
// EPCIS capture jobs that appended nothing (a refused document with each
// event's fault, or one whose every event was captured before), which
// GET /epcis/capture, a list of the log, does not hold. Newest first
// (?sort=created for oldest first), paged (?after=, ?limit=); ?failed=true
// keeps the refused ones. Regulators read every job, an enterprise its own.
func (s *Server) RouteUnrecordedCaptures(q *query.UnrecordedCaptures) {
	s.HandleFunc("GET /api/v1/captures/unrecorded", func(w http.ResponseWriter, r *http.Request) error {
		v := r.URL.Query()
		pg, err := directoryPage(v)
		if err != nil {
			return err
		}
		failed := false
		switch raw := v.Get("failed"); raw {
		case "", "false":
		case "true":
			failed = true
		default:
			return domain.Invalid("failed", "want_true_or_false", "%q: want true or false", raw)
		}
		return answerJSON(w, r, q, func(rd query.Read) (directoryAnswer, error) {
			rows, next, err := q.List(r.Context(), rd, failed, pg)
			return answer("jobs", rows, next), err
		})
	}, captureAccess)
}
