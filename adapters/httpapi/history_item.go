package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
)

// itemHistoryJSON is an item's history: its card and a page of the events
// that touched it (all of them unless there are more than the limit), the
// checkpoint their proofs are against and, as on every history, the
// position to read on after (null on the last page).
type itemHistoryJSON struct {
	Code       string             `json:"code"`
	Card       query.ItemCard     `json:"card"`
	Events     []historyEventJSON `json:"events"`
	Next       *string            `json:"next"`
	Checkpoint string             `json:"checkpoint,omitempty"`
}

// item answers GET /api/v1/items/{code}/history.
func (hr *historyRoutes) item(w http.ResponseWriter, r *http.Request, code string) error {
	rd, err := readOf(r)
	if err != nil {
		return err
	}
	c, err := parseItemCode(code)
	if err != nil {
		return err
	}
	// An item's history is short: by default all of it in one answer.
	spec, err := historyParams(r, maxHistoryLimit)
	if err != nil {
		return err
	}
	h, err := hr.q.Item(r.Context(), rd.Read, c, spec)
	if err = rd.answered(w, hr.q, err); err != nil {
		return err
	}
	events, checkpoint, err := hr.events(h.Events)
	if err != nil {
		return err
	}
	out := itemHistoryJSON{Code: h.Card.Code, Card: h.Card, Events: events, Next: cursorAt(h.Next), Checkpoint: checkpoint}
	WriteJSON(w, http.StatusOK, out)
	return nil
}

// card answers the public Digital Link resolver's JSON: the item's card
// (negotiatePage serves browsers the HTML page). The card holds no personal
// data.
func (hr *historyRoutes) card(w http.ResponseWriter, r *http.Request) error {
	return answerJSON(w, r, hr.q, func(rd query.Read) (query.ItemCard, error) {
		c, err := parseItemCode(r.URL.EscapedPath())
		if err != nil {
			return query.ItemCard{}, err
		}
		return hr.q.Card(r.Context(), rd, c)
	})
}

// findCard is whether the item's card exists, before a browser is served
// the page that shows it.
func (hr *historyRoutes) findCard(r *http.Request) error {
	return hr.card(discard{}, r)
}

// productCard answers a GTIN-only Digital Link's JSON: the product's
// public page (negotiatePage serves browsers the HTML page).
func (hr *historyRoutes) productCard(w http.ResponseWriter, r *http.Request) error {
	return answerJSON(w, r, hr.q, func(rd query.Read) (query.ProductCard, error) {
		g, err := pathGTIN(r)
		if err != nil {
			return query.ProductCard{}, err
		}
		return hr.q.ProductCard(r.Context(), rd, g)
	})
}

// findProduct is whether the product is registered, before a browser is
// served the page that shows it.
func (hr *historyRoutes) findProduct(r *http.Request) error {
	return hr.productCard(discard{}, r)
}

// discard is a response writer that keeps nothing: the lookups run the
// JSON handler to learn its outcome alone (the read models answer in
// microseconds, so asking twice costs nothing worth a second path).
type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}
