package httpapi

import (
	"net/http"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// RouteContainers serves GET /api/v1/containers/{sscc} (a case or pallet:
// holder, contents counted through the containers inside, history) and
// GET /api/v1/transformations/{id}. Overseers read every one; an
// enterprise those it held or took part in; to anyone else they answer as
// unknown ones do.
func (s *Server) RouteContainers(q *query.Containers, t *query.Transformations) {
	s.HandleFunc("GET /api/v1/containers/{sscc}", func(w http.ResponseWriter, r *http.Request) error {
		sscc, err := ident.ParseSSCC(r.PathValue("sscc"))
		if err != nil {
			return domain.InvalidValue("sscc", err)
		}
		return answerJSON(w, r, q, func(rd query.Read) (query.Container, error) { return q.Get(r.Context(), rd, sscc.String()) })
	}, Roles(access.Readers...))
	s.HandleFunc("GET /api/v1/transformations/{id}", func(w http.ResponseWriter, r *http.Request) error {
		id, err := uuid.Parse(r.PathValue("id"))
		if err != nil {
			return domain.Invalid("id", "not_transformation_id", "is not a transformation id")
		}
		return answerJSON(w, r, t, func(rd query.Read) (query.Transformation, error) { return t.Get(r.Context(), rd, id.String()) })
	}, Roles(access.Readers...))
}
