package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/ident"
)

// historyPageJSON is a page of a long history, oldest or newest first as
// asked (?order=). Next is the position to pass as ?after= (with the same
// order, range and limit) for the following page, null on the last one;
// Checkpoint is the signed checkpoint the events' proofs are against.
type historyPageJSON struct {
	GTIN       string             `json:"gtin,omitempty"`
	Lot        string             `json:"lot,omitempty"`
	USCC       string             `json:"uscc,omitempty"`
	Events     []historyEventJSON `json:"events"`
	Next       *string            `json:"next"`
	Checkpoint string             `json:"checkpoint,omitempty"`
}

// writePage answers a page of a history, or the query's refusal.
func (hr *historyRoutes) writePage(w http.ResponseWriter, rd reading, pg query.Page, err error, out historyPageJSON) error {
	if err = rd.answered(w, hr.q, err); err != nil {
		return err
	}
	events, checkpoint, err := hr.events(pg.Events)
	if err != nil {
		return err
	}
	out.Events, out.Checkpoint, out.Next = events, checkpoint, cursorAt(pg.Next)
	WriteJSON(w, http.StatusOK, out)
	return nil
}

// batch answers GET /api/v1/batches/{gtin}/{lot}/history.
func (hr *historyRoutes) batch(w http.ResponseWriter, r *http.Request) error {
	g, err := pathGTIN(r)
	if err != nil {
		return err
	}
	l, err := ident.ParseLot(r.PathValue("lot"))
	if err != nil {
		return domain.InvalidValue("lot", err)
	}
	k := query.BatchKey{GTIN: g.String(), Lot: l.String()}
	return hr.page(w, r, historyPageJSON{GTIN: k.GTIN, Lot: k.Lot}, func(rd query.Read, spec query.PageSpec) (query.Page, error) {
		return hr.q.Batch(r.Context(), rd, k, spec)
	})
}

// product answers GET /api/v1/products/{gtin}/history.
func (hr *historyRoutes) product(w http.ResponseWriter, r *http.Request) error {
	g, err := pathGTIN(r)
	if err != nil {
		return err
	}
	return hr.page(w, r, historyPageJSON{GTIN: g.String()}, func(rd query.Read, spec query.PageSpec) (query.Page, error) {
		return hr.q.Product(r.Context(), rd, g.String(), spec)
	})
}

// enterprise answers GET /api/v1/enterprises/{uscc}/history: regulators
// and analysts read any, an enterprise only its own.
func (hr *historyRoutes) enterprise(w http.ResponseWriter, r *http.Request) error {
	u, err := ident.ParseUSCC(r.PathValue("uscc"))
	if err != nil {
		return domain.InvalidValue("uscc", err)
	}
	return hr.page(w, r, historyPageJSON{USCC: u.String()}, func(rd query.Read, spec query.PageSpec) (query.Page, error) {
		return hr.q.Enterprise(r.Context(), rd, u.String(), spec)
	})
}

// page answers one page of a long history: the request's read and page
// parameters, then ask, written under head.
func (hr *historyRoutes) page(w http.ResponseWriter, r *http.Request, head historyPageJSON, ask func(rd query.Read, spec query.PageSpec) (query.Page, error)) error {
	rd, err := readOf(r)
	if err != nil {
		return err
	}
	spec, err := historyParams(r, defaultHistoryLimit)
	if err != nil {
		return err
	}
	pg, err := ask(rd.Read, spec)
	return hr.writePage(w, rd, pg, err, head)
}
