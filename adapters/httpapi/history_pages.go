package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/history"
)

// historyPageJSON is a page of a long history. Next is the position to
// pass as ?after= for the following page, null on the last one;
// Checkpoint is the signed checkpoint the events' proofs are against.
type historyPageJSON struct {
	GTIN       string             `json:"gtin,omitempty"`
	Lot        string             `json:"lot,omitempty"`
	USCC       string             `json:"uscc,omitempty"`
	Events     []historyEventJSON `json:"events"`
	Next       *uint64            `json:"next"`
	Checkpoint string             `json:"checkpoint,omitempty"`
}

// writePage reads a page's events and answers it.
func (hr *historyRoutes) writePage(w http.ResponseWriter, r *http.Request, pg history.Page, out historyPageJSON) error {
	events, checkpoint, err := hr.events(r.Context(), pg.Positions)
	if err != nil {
		return err
	}
	out.Events, out.Checkpoint = events, checkpoint
	if pg.Next != 0 {
		out.Next = &pg.Next
	}
	WriteJSON(w, http.StatusOK, out)
	return nil
}

// batch answers GET /api/v1/batches/{gtin}/{lot}/history.
func (hr *historyRoutes) batch(w http.ResponseWriter, r *http.Request) error {
	if err := Consistent(w, r, hr.rm); err != nil {
		return err
	}
	g, err := pathGTIN(r)
	if err != nil {
		return err
	}
	l, err := ident.ParseLot(r.PathValue("lot"))
	if err != nil {
		return domain.Invalid("lot", "%v", err)
	}
	after, limit, err := pageParams(r)
	if err != nil {
		return err
	}
	k := history.BatchKey{GTIN: g.String(), Lot: l.String()}
	pg, ok := hr.model.Batch(k, after, limit)
	if !ok {
		return domain.NotFound("lot", "batch %s/%s is not known", k.GTIN, k.Lot)
	}
	if err := mayReadGoods(r, "batch "+k.GTIN+"/"+k.Lot, func(uscc string) bool { return hr.model.BatchHeldBy(k, uscc) }); err != nil {
		return err
	}
	return hr.writePage(w, r, pg, historyPageJSON{GTIN: k.GTIN, Lot: k.Lot})
}

// product answers GET /api/v1/products/{gtin}/history.
func (hr *historyRoutes) product(w http.ResponseWriter, r *http.Request) error {
	if err := Consistent(w, r, hr.rm); err != nil {
		return err
	}
	g, err := pathGTIN(r)
	if err != nil {
		return err
	}
	after, limit, err := pageParams(r)
	if err != nil {
		return err
	}
	pg, ok := hr.model.Product(g.String(), after, limit)
	if !ok {
		return domain.NotFound("gtin", "product %s is not known", g)
	}
	if err := mayReadGoods(r, "product "+g.String(), func(uscc string) bool { return hr.model.ProductHeldBy(g.String(), uscc) }); err != nil {
		return err
	}
	return hr.writePage(w, r, pg, historyPageJSON{GTIN: g.String()})
}

// enterprise answers GET /api/v1/enterprises/{uscc}/history: regulators
// and analysts read any, an enterprise only its own.
func (hr *historyRoutes) enterprise(w http.ResponseWriter, r *http.Request) error {
	if err := Consistent(w, r, hr.rm); err != nil {
		return err
	}
	u, err := ident.ParseUSCC(r.PathValue("uscc"))
	if err != nil {
		return domain.Invalid("uscc", "%v", err)
	}
	after, limit, err := pageParams(r)
	if err != nil {
		return err
	}
	if a, _ := ActorFrom(r.Context()); a.Role == access.RoleEnterprise && a.USCC != u.String() {
		return domain.Forbidden("uscc", "enterprise %s reads only its own history, not %s's", a.USCC, u)
	}
	pg, ok := hr.model.Enterprise(u.String(), after, limit)
	if !ok {
		return domain.NotFound("uscc", "no event names enterprise %s", u)
	}
	return hr.writePage(w, r, pg, historyPageJSON{USCC: u.String()})
}
