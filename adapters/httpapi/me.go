package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
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

// RouteMyTokens serves GET /api/v1/me/tokens to an enterprise: its own
// tokens (label, created, last use, revoked; never a secret, never
// another's), oldest first, paged by ?after=&limit= like the admin's list.
func (s *Server) RouteMyTokens(q *query.Tokens) {
	s.HandleFunc("GET /api/v1/me/tokens", func(w http.ResponseWriter, r *http.Request) error {
		after, limit, err := pageParams(r)
		if err != nil {
			return err
		}
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		list, err := q.Own(r.Context(), rd.Read)
		if err != nil {
			return err
		}
		page, next := pageOf(list, after, limit)
		WriteJSON(w, http.StatusOK, tokenList{Tokens: page, Next: cursorOf(next)})
		return nil
	}, Roles(access.RoleEnterprise))
}
