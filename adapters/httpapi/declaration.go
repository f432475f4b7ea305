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
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		no, err := ident.ParseDeclarationNo(r.PathValue("no"))
		if err != nil {
			return domain.Invalid("no", "%v", err)
		}
		v, err := q.Get(r.Context(), rd.Read, no.String())
		if err = rd.answered(w, q, err); err != nil {
			return err
		}
		WriteJSON(w, http.StatusOK, v)
		return nil
	}, Roles(access.Readers...))
}
