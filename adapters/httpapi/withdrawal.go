package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
)

// withdrawalPageJSON is a page of GET /api/v1/withdrawals. Next is the
// position to pass as ?after= for the following page, null on the last.
type withdrawalPageJSON struct {
	Entries []query.WithdrawalEntry `json:"entries"`
	Next    *uint64                 `json:"next"`
}

// RouteWithdrawals serves GET /api/v1/withdrawals: withdrawal orders,
// withdrawals from sale and disposals in log order, paged by ?after= and
// ?limit=; regulators and analysts see every one, an enterprise those at
// itself.
func (s *Server) RouteWithdrawals(q *query.Withdrawals) {
	s.HandleFunc("GET /api/v1/withdrawals", func(w http.ResponseWriter, r *http.Request) error {
		after, limit, err := pageParams(r)
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (withdrawalPageJSON, error) {
			pg, err := q.List(r.Context(), rd, after, limit)
			out := withdrawalPageJSON{Entries: pg.Entries}
			if out.Entries == nil {
				out.Entries = []query.WithdrawalEntry{}
			}
			if pg.Next != 0 {
				out.Next = &pg.Next
			}
			return out, err
		})
	}, traceAccess)
}
