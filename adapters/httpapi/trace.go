package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// traceAccess: regulators and analysts read every trace; an enterprise
// reads the traces of goods it held or holds (app/query checks which).
var traceAccess = Roles(access.Readers...)

// RouteTrace serves the trace of a batch (downstream: where every unit is
// now and how it got there; upstream: where the batch came from) and the
// path of one item.
func (s *Server) RouteTrace(q *query.Traces) {
	s.HandleFunc("GET /api/v1/batches/{gtin}/{lot}/trace", func(w http.ResponseWriter, r *http.Request) error {
		g, l, err := traceBatchPath(r)
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (query.TraceGraph, error) {
			return q.Batch(r.Context(), rd, g, l, r.URL.Query().Get("direction"))
		})
	}, traceAccess)

	s.HandleFunc("GET /api/v1/items/{code}/trace", func(w http.ResponseWriter, r *http.Request) error {
		c, err := ident.ParseItemCode(r.PathValue("code"))
		if err != nil {
			return domain.InvalidValue("code", err)
		}
		return answerJSON(w, r, q, func(rd query.Read) (query.ItemPath, error) {
			return q.Item(r.Context(), rd, c.GTIN.String(), c.Lot.String(), c.Serial.String())
		})
	}, traceAccess)
}

// traceBatchPath parses the {gtin} and {lot} of a batch route, naming the one
// at fault.
func traceBatchPath(r *http.Request) (gtin, lot string, err error) {
	g, err := ident.ParseGTIN(r.PathValue("gtin"))
	if err != nil {
		return "", "", domain.InvalidValue("gtin", err)
	}
	l, err := ident.ParseLot(r.PathValue("lot"))
	if err != nil {
		return "", "", domain.InvalidValue("lot", err)
	}
	return g.String(), l.String(), nil
}
