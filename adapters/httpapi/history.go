package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/history"
)

// HistoryModel is what the history routes read: which events touched an
// item, batch, product or enterprise, who held the goods, and the item's
// card. *history.Projection implements it.
type HistoryModel interface {
	Item(k history.ItemKey) ([]uint64, bool)
	Batch(k history.BatchKey, after uint64, limit int) (history.Page, bool)
	Product(gtin14 string, after uint64, limit int) (history.Page, bool)
	Enterprise(uscc string, after uint64, limit int) (history.Page, bool)
	LotsOf(gtin14, serial string) []string
	ItemHeldBy(k history.ItemKey, uscc string) bool
	BatchHeldBy(k history.BatchKey, uscc string) bool
	ProductHeldBy(gtin14, uscc string) bool
	Card(k history.ItemKey, now time.Time) (history.Card, bool)
}

// HistoryReader reads the events at given positions, in that order.
// *sqlite.Store implements it.
type HistoryReader interface {
	ReadPositions(ctx context.Context, positions []uint64) ([]event.Record, error)
}

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
func (s *Server) RouteHistories(h HistoryModel, rd HistoryReader, rm ReadModels, opts ...HistoryOption) {
	hr := &historyRoutes{model: h, reader: rd, rm: rm}
	for _, o := range opts {
		o(hr)
	}
	readers := Roles(access.RoleRegulator, access.RoleAnalyst, access.RoleEnterprise)
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

type historyRoutes struct {
	model  HistoryModel
	reader HistoryReader
	rm     ReadModels
	proofs *ledgerProofs // nil: histories without proofs
}

// events reads a history's events back from the log, with their proofs
// and the checkpoint they prove against when the routes have them.
func (hr *historyRoutes) events(ctx context.Context, positions []uint64) (events []historyEventJSON, checkpoint string, err error) {
	recs, err := hr.reader.ReadPositions(ctx, positions)
	if err != nil {
		return nil, "", fmt.Errorf("read history events: %w", err)
	}
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

// mayReadGoods lets regulators and analysts read any goods' history, and an
// enterprise those it held or holds.
func mayReadGoods(r *http.Request, what string, heldBy func(uscc string) bool) error {
	a, _ := ActorFrom(r.Context())
	switch {
	case a.Role == access.RoleRegulator || a.Role == access.RoleAnalyst:
		return nil
	case a.Role == access.RoleEnterprise && heldBy(a.USCC):
		return nil
	case a.Role == access.RoleEnterprise:
		return domain.Forbidden("", "enterprise %s never held %s: an enterprise reads only the histories of goods it held or holds", a.USCC, what)
	}
	return domain.Forbidden("", "role %s may not read histories", a.Role)
}

// parseItemCode reads an item code into its key; an SGTIN names no lot,
// which is looked up by serial (several lots with that serial is 409).
func (hr *historyRoutes) parseItemCode(raw string) (history.ItemKey, error) {
	if raw == "" {
		return history.ItemKey{}, domain.Invalid("code", "is required")
	}
	c, err := ident.ParseItemCode(raw)
	if err != nil {
		return history.ItemKey{}, domain.Invalid("code", "%v", err)
	}
	k := history.ItemKey{GTIN: c.GTIN.String(), Lot: c.Lot.String(), Serial: c.Serial.String()}
	if !c.Lot.IsZero() {
		return k, nil
	}
	switch lots := hr.model.LotsOf(k.GTIN, k.Serial); len(lots) {
	case 0:
		return k, domain.NotFound("code", "no item of GTIN %s has serial %s", k.GTIN, k.Serial)
	case 1:
		k.Lot = lots[0]
		return k, nil
	default:
		return k, &domain.RuleError{Kind: domain.ErrConflict, Field: "code", Message: fmt.Sprintf(
			"serial %s of GTIN %s is on items of lots %s: send the item's Digital Link, which names its lot",
			k.Serial, k.GTIN, strings.Join(lots, ", "))}
	}
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
