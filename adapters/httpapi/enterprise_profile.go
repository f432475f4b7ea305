package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// RouteEnterpriseProfiles serves GET /api/v1/enterprises/{uscc}: an
// enterprise's registration, to overseers and the enterprise itself whole,
// to its trading partners without contact and grade; ?as_of= as for the
// grade.
func (s *Server) RouteEnterpriseProfiles(q *query.EnterpriseProfiles) {
	s.HandleFunc("GET /api/v1/enterprises/{uscc}", func(w http.ResponseWriter, r *http.Request) error {
		u, err := ident.ParseUSCC(r.PathValue("uscc"))
		if err != nil {
			return domain.InvalidValue("uscc", err)
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (query.EnterpriseProfile, error) {
			return q.Profile(r.Context(), rd, u.String(), now)
		})
	}, Roles(access.Readers...))
}
