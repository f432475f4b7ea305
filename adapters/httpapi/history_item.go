package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
)

// itemHistoryJSON is an item's history: its card and every event that
// touched it, in log order, and the checkpoint their proofs are against.
type itemHistoryJSON struct {
	Code       string             `json:"code"`
	Card       query.ItemCard     `json:"card"`
	Events     []historyEventJSON `json:"events"`
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
	h, err := hr.q.Item(r.Context(), rd.Read, c)
	if err = rd.answered(w, hr.q, err); err != nil {
		return err
	}
	events, checkpoint, err := hr.events(h.Events)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, itemHistoryJSON{Code: h.Card.Code, Card: h.Card, Events: events, Checkpoint: checkpoint})
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
