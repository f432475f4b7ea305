package httpapi

import (
	"net/http"
	"strings"
	"time"

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
	s.HandleFunc("GET /01/{gtin}/10/{lot}/21/{serial}", s.negotiatePage(func() http.Handler { return s.cardPage }, hr.findCard, hr.card), Public)
	s.HandleFunc("GET /01/{gtin}", s.negotiatePage(func() http.Handler { return s.productPage }, hr.findProduct, hr.productCard), Public)
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
	names  query.Names   // nil: actors by USCC only
}

// WithActorNames names each event's acting enterprise as registered.
func WithActorNames(names query.Names) HistoryOption {
	return func(hr *historyRoutes) { hr.names = names }
}

// events answers a history's events with their proofs, and the checkpoint
// they prove against, when the routes have them.
func (hr *historyRoutes) events(recs []event.Record) (events []historyEventJSON, checkpoint string, err error) {
	out := make([]historyEventJSON, len(recs))
	for i, rec := range recs {
		out[i] = historyEventJSON{eventJSON: recordJSON(rec)}
		if hr.names != nil && rec.Metadata.ActorUSCC != "" {
			out[i].ActorName = hr.names.Name(rec.Metadata.ActorUSCC)
		}
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
		return ident.ItemCode{}, domain.Invalid("code", "required", "is required")
	}
	c, err := ident.ParseItemCode(raw)
	if err != nil {
		return ident.ItemCode{}, domain.InvalidValue("code", err)
	}
	return c, nil
}

// pageParams reads ?after=POS&limit=N.
func pageParams(r *http.Request) (after uint64, limit int, err error) {
	q := r.URL.Query()
	after, err = uintParam(q.Get("after"), 0)
	if err != nil {
		return 0, 0, badRequest("after", "bad_cursor", badCursor)
	}
	l, err := uintParam(q.Get("limit"), defaultHistoryLimit)
	if err != nil || l < 1 || l > maxHistoryLimit {
		return 0, 0, badRequest("limit", "must_integer_from_1", "must be an integer from 1 to %d", maxHistoryLimit)
	}
	return after, int(l), nil
}

// historyParams reads a history page's parameters: ?after=POS&limit=N
// (limit defaults to def), ?from= and ?to= (RFC 3339 times or YYYY-MM-DD
// days in China Standard Time; a day as to includes that whole day) and
// ?order=asc|desc (oldest or newest first; after is then the cursor in
// that order).
func historyParams(r *http.Request, def int) (query.PageSpec, error) {
	q := r.URL.Query()
	after, err := uintParam(q.Get("after"), 0)
	if err != nil {
		return query.PageSpec{}, badRequest("after", "bad_cursor", badCursor)
	}
	l, err := uintParam(q.Get("limit"), uint64(def))
	if err != nil || l < 1 || l > maxHistoryLimit {
		return query.PageSpec{}, badRequest("limit", "must_integer_from_1", "must be an integer from 1 to %d", maxHistoryLimit)
	}
	spec := query.PageSpec{After: after, Limit: int(l)}
	if spec.From, err = timeBound(q.Get("from"), "from", false); err != nil {
		return query.PageSpec{}, err
	}
	if spec.To, err = timeBound(q.Get("to"), "to", true); err != nil {
		return query.PageSpec{}, err
	}
	if !spec.From.IsZero() && !spec.To.IsZero() && !spec.From.Before(spec.To) {
		return query.PageSpec{}, badRequest("to", "must_after_from", "must be after from")
	}
	switch q.Get("order") {
	case "", "asc":
	case "desc":
		spec.Desc = true
	default:
		return query.PageSpec{}, badRequest("order", "must_asc_oldest_first_or", "must be asc (oldest first) or desc (newest first)")
	}
	return spec, nil
}

// Bounds of a history's time range: years the ledger can hold.
var (
	earliestBound = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	latestBound   = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
)

// timeBound reads a time-range bound: an RFC 3339 time, or a day
// YYYY-MM-DD in China Standard Time (its start; with end, the start of the
// next day, so the day is included). "" is no bound.
func timeBound(raw, field string, end bool) (time.Time, error) {
	if raw == "" {
		return time.Time{}, nil
	}
	bad := badRequest(field, "must_rfc_3339_time_2025", "must be an RFC 3339 time (2025-03-01T00:00:00+08:00) or a day YYYY-MM-DD")
	if len(raw) > len("2006-01-02T15:04:05.999999999+08:00") {
		return time.Time{}, bad
	}
	t, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil {
		d, derr := query.DayBound(raw, end)
		if derr != nil {
			return time.Time{}, bad
		}
		t = d
	}
	if t.Before(earliestBound) || t.After(latestBound) {
		return time.Time{}, badRequest(field, "must_between_years_1900_and", "must be between the years 1900 and 9999")
	}
	return t, nil
}
