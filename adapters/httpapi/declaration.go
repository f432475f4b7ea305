package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// RouteDeclarations serves GET /api/v1/customs/declarations/{no}: an
// auditor starts from the number on the customs paperwork. Regulators and
// analysts read every declaration; an enterprise reads those it filed.
func (s *Server) RouteDeclarations(q *query.Declarations) {
	s.HandleFunc("GET /api/v1/customs/declarations/{no}", func(w http.ResponseWriter, r *http.Request) error {
		no, err := ident.ParseDeclarationNo(r.PathValue("no"))
		if err != nil {
			return domain.InvalidValue("no", err)
		}
		return answerJSON(w, r, q, func(rd query.Read) (query.DeclarationView, error) { return q.Get(r.Context(), rd, no.String()) })
	}, Roles(access.Readers...))
}
