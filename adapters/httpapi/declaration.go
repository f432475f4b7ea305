package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/declaration"
)

// DeclarationModel answers customs declarations by number.
type DeclarationModel interface {
	Get(no string) (declaration.View, bool)
}

// RouteDeclarations serves GET /api/v1/customs/declarations/{no}: an
// auditor starts from the number on the customs paperwork. Regulators and
// analysts read every declaration; an enterprise reads those it filed.
func (s *Server) RouteDeclarations(d DeclarationModel, names Names, rm ReadModels) {
	s.HandleFunc("GET /api/v1/customs/declarations/{no}", func(w http.ResponseWriter, r *http.Request) error {
		if err := Consistent(w, r, rm); err != nil {
			return err
		}
		no, err := ident.ParseDeclarationNo(r.PathValue("no"))
		if err != nil {
			return domain.Invalid("no", "%v", err)
		}
		v, ok := d.Get(no.String())
		if !ok {
			return domain.NotFound("no", "declaration %s is not filed", no)
		}
		if a, _ := ActorFrom(r.Context()); a.Role == access.RoleEnterprise && a.USCC != v.ImporterUSCC {
			return domain.Forbidden("no", "an enterprise reads only the declarations it filed")
		}
		if names != nil {
			v.ImporterName = names.Name(v.ImporterUSCC)
		}
		WriteJSON(w, http.StatusOK, v)
		return nil
	}, Authenticated)
}
