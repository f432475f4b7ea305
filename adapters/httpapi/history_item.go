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
// (negotiateCard serves browsers the HTML page). The card holds no personal
// data.
func (hr *historyRoutes) card(w http.ResponseWriter, r *http.Request) error {
	rd, err := readOf(r)
	if err != nil {
		return err
	}
	c, err := parseItemCode(r.URL.EscapedPath())
	if err != nil {
		return err
	}
	card, err := hr.q.Card(r.Context(), rd.Read, c)
	if err = rd.answered(w, hr.q, err); err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, card)
	return nil
}
