package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
)

// RouteMe serves GET /api/v1/me to any valid token: its role and, for an
// enterprise, the USCC it acts for and its name — what the web UI needs to
// fill the fields an enterprise acts in.
func (s *Server) RouteMe(q *query.Identities) {
	s.HandleFunc("GET /api/v1/me", func(w http.ResponseWriter, r *http.Request) error {
		return answerJSON(w, r, q, func(rd query.Read) (query.Identity, error) {
			return q.Me(r.Context(), rd)
		})
	}, Authenticated)
}
