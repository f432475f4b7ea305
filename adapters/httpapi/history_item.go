package httpapi

import (
	"net/http"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/projections/history"
)

// itemHistoryJSON is an item's history: its card and every event that
// touched it, in log order, and the checkpoint their proofs are against.
type itemHistoryJSON struct {
	Code       string             `json:"code"`
	Card       history.Card       `json:"card"`
	Events     []historyEventJSON `json:"events"`
	Checkpoint string             `json:"checkpoint,omitempty"`
}

// item answers GET /api/v1/items/{code}/history.
func (hr *historyRoutes) item(w http.ResponseWriter, r *http.Request, code string) error {
	if err := Consistent(w, r, hr.rm); err != nil {
		return err
	}
	k, err := hr.parseItemCode(code)
	if err != nil {
		return err
	}
	positions, ok := hr.model.Item(k)
	if !ok {
		return domain.NotFound("code", "no item %s/%s/%s is labelled", k.GTIN, k.Lot, k.Serial)
	}
	what := "item " + k.GTIN + "/" + k.Lot + "/" + k.Serial
	if err := mayReadGoods(r, what, func(uscc string) bool { return hr.model.ItemHeldBy(k, uscc) }); err != nil {
		return err
	}
	card, _ := hr.model.Card(k, time.Now())
	events, checkpoint, err := hr.events(r.Context(), positions)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, itemHistoryJSON{Code: card.Code, Card: card, Events: events, Checkpoint: checkpoint})
	return nil
}

// card answers the public Digital Link resolver's JSON: the item's card
// (negotiateCard serves browsers the HTML page). The card holds no personal
// data.
func (hr *historyRoutes) card(w http.ResponseWriter, r *http.Request) error {
	if err := Consistent(w, r, hr.rm); err != nil {
		return err
	}
	k, err := hr.parseItemCode(r.URL.EscapedPath())
	if err != nil {
		return err
	}
	card, ok := hr.model.Card(k, time.Now())
	if !ok {
		return domain.NotFound("code", "no item %s/%s/%s is labelled", k.GTIN, k.Lot, k.Serial)
	}
	WriteJSON(w, http.StatusOK, card)
	return nil
}
