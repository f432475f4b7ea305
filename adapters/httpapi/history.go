package httpapi

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// Page sizes of the long histories (batches, products, enterprises).
const (
	defaultHistoryLimit = 100
	maxHistoryLimit     = 1000
)

// RouteHistories serves the histories of items, batches, products and
// enterprises, each event with its position and hash so a regulator can
// check it against the log, and the public Digital Link resolver's card.
//
// An item's code is its Digital Link, the link's path or an SGTIN URI,
// URL-escaped into one path segment (slashes as %2F); the Digital Link path
// may also be sent as it is: /api/v1/items/01/{gtin}/10/{lot}/21/{serial}/history.
//
// q answers the histories with their access rules; rd reads the events an
// offline bundle holds.
func (s *Server) RouteHistories(q *query.Histories, rd HistoryReader, opts ...HistoryOption) {
	hr := &historyRoutes{q: q, reader: rd}
	for _, o := range opts {
		o(hr)
	}
	readers := Roles(access.Readers...)
	s.HandleFunc("GET /api/v1/items/{code}/history", func(w http.ResponseWriter, r *http.Request) error {
		return hr.item(w, r, r.PathValue("code"))
	}, readers)
	for _, p := range []string{"GET /api/v1/items/01/{gtin}/10/{lot}/21/{serial}/history", "GET /api/v1/items/01/{gtin}/21/{serial}/history"} {
		s.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) error {
			code := strings.TrimSuffix(strings.TrimPrefix(r.URL.EscapedPath(), "/api/v1/items"), "/history")
			return hr.item(w, r, code)
		}, readers)
	}
	s.HandleFunc("GET /api/v1/items/{code}/bundle", hr.bundle, readers)
	s.HandleFunc("GET /api/v1/batches/{gtin}/{lot}/history", hr.batch, readers)
	s.HandleFunc("GET /api/v1/products/{gtin}/history", hr.product, readers)
	s.HandleFunc("GET /api/v1/enterprises/{uscc}/history", hr.enterprise, readers)
	s.HandleFunc("GET /01/{gtin}/10/{lot}/21/{serial}", s.negotiateCard(hr.card), Public)
}

// HistoryOption adds to what the history routes answer.
type HistoryOption func(*historyRoutes)

// WithLedgerProofs makes every item and batch history (and the product and
// enterprise ones) carry the latest signed checkpoint and, on each event it
// covers, the event's inclusion proof against it: a history that checks
// offline with nothing but the ledger's verifier key.
func WithLedgerProofs(tree LedgerTree, heads LedgerHeads) HistoryOption {
	return func(hr *historyRoutes) { hr.proofs = &ledgerProofs{tree: tree, heads: heads} }
}

// HistoryReader reads the events at given positions, in that order.
// *sqlite.Store implements it.
type HistoryReader = query.EventReader

type historyRoutes struct {
	q      *query.Histories
	reader HistoryReader
	proofs *ledgerProofs // nil: histories without proofs
}

// events answers a history's events with their proofs, and the checkpoint
// they prove against, when the routes have them.
func (hr *historyRoutes) events(recs []event.Record) (events []historyEventJSON, checkpoint string, err error) {
	out := make([]historyEventJSON, len(recs))
	for i, rec := range recs {
		out[i] = historyEventJSON{eventJSON: recordJSON(rec)}
	}
	if hr.proofs != nil {
		if checkpoint, err = hr.proofs.attach(out); err != nil {
			return nil, "", err
		}
	}
	return out, checkpoint, nil
}

// parseItemCode reads an item code (a Digital Link, its path or an SGTIN).
func parseItemCode(raw string) (ident.ItemCode, error) {
	if raw == "" {
		return ident.ItemCode{}, domain.Invalid("code", "is required")
	}
	c, err := ident.ParseItemCode(raw)
	if err != nil {
		return ident.ItemCode{}, domain.Invalid("code", "%v", err)
	}
	return c, nil
}

// pageParams reads ?after=POS&limit=N.
func pageParams(r *http.Request) (after uint64, limit int, err error) {
	q := r.URL.Query()
	after, err = uintParam(q.Get("after"), 0)
	if err != nil {
		return 0, 0, badRequest("after", "must be a position (a non-negative integer)")
	}
	l, err := uintParam(q.Get("limit"), defaultHistoryLimit)
	if err != nil || l < 1 || l > maxHistoryLimit {
		return 0, 0, badRequest("limit", fmt.Sprintf("must be an integer from 1 to %d", maxHistoryLimit))
	}
	return after, int(l), nil
}
