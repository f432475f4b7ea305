package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/ident"
)

// RouteStock serves GET /api/v1/enterprises/{uscc}/stock: the batches an
// enterprise holds units of now, in stock and in transit, with their expiry
// and recalls, sorted (?sort= expires, gtin or in_stock, "-" for
// descending) and paged (?after=, ?limit=). Overseers read any
// enterprise's; an enterprise its own, another's answers 404 as an unknown
// one.
func (s *Server) RouteStock(q *query.Stocks) {
	s.HandleFunc("GET /api/v1/enterprises/{uscc}/stock", func(w http.ResponseWriter, r *http.Request) error {
		u, err := ident.ParseUSCC(r.PathValue("uscc"))
		if err != nil {
			return domain.InvalidValue("uscc", err)
		}
		pg, err := directoryPage(r.URL.Query())
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (directoryAnswer, error) {
			rows, next, err := q.Of(r.Context(), rd, u.String(), pg)
			return answer("batches", rows, next), err
		})
	}, traceAccess)
}
