package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/ident"
)

// withdrawalPageJSON is a page of GET /api/v1/withdrawals. Next is the
// position to pass as ?after= for the following page, null on the last.
type withdrawalPageJSON struct {
	Entries []query.WithdrawalEntry `json:"entries"`
	Next    *string                 `json:"next"`
}

// RouteWithdrawals serves GET /api/v1/withdrawals: withdrawal orders,
// withdrawals from sale and disposals in log order, paged by ?after= and
// ?limit=, filtered by ?holder_uscc=, ?gtin=, ?lot= and ?kind=; regulators
// and analysts see every one, an enterprise those at itself.
func (s *Server) RouteWithdrawals(q *query.Withdrawals) {
	s.HandleFunc("GET /api/v1/withdrawals", func(w http.ResponseWriter, r *http.Request) error {
		after, limit, err := pageParams(r)
		if err != nil {
			return err
		}
		f, err := withdrawalFilter(r)
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (withdrawalPageJSON, error) {
			pg, err := q.List(r.Context(), rd, f, after, limit)
			out := withdrawalPageJSON{Entries: pg.Entries, Next: cursorAt(pg.Next)}
			if out.Entries == nil {
				out.Entries = []query.WithdrawalEntry{}
			}
			return out, err
		})
	}, traceAccess)
}

// withdrawalFilter reads the list's filters; a malformed one is 400 naming
// it.
func withdrawalFilter(r *http.Request) (query.WithdrawalFilter, error) {
	v := r.URL.Query()
	var f query.WithdrawalFilter
	if raw := v.Get("holder_uscc"); raw != "" {
		u, err := ident.ParseUSCC(raw)
		if err != nil {
			return f, domain.InvalidValue("holder_uscc", err)
		}
		f.HolderUSCC = u.String()
	}
	if raw := v.Get("gtin"); raw != "" {
		g, err := ident.ParseGTIN(raw)
		if err != nil {
			return f, domain.InvalidValue("gtin", err)
		}
		f.GTIN = g.String()
	}
	if raw := v.Get("lot"); raw != "" {
		l, err := ident.ParseLot(raw)
		if err != nil {
			return f, domain.InvalidValue("lot", err)
		}
		f.Lot = l.String()
	}
	switch f.Kind = v.Get("kind"); f.Kind {
	case "", query.WithdrawalKindOrder, query.WithdrawalKindWithdrawal, query.WithdrawalKindDisposal:
	default:
		return f, domain.Invalid("kind", "must_order_withdrawal_or_disposal", "must be order, withdrawal or disposal")
	}
	return f, nil
}
