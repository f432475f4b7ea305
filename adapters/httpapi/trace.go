package httpapi

import (
	"net/http"
	"slices"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/trace"
)

// TraceModel answers batch traces and item paths; *trace.Projection
// implements it.
type TraceModel interface {
	Downstream(gtin, lot string, names trace.Names) (trace.Trace, error)
	Upstream(gtin, lot string, names trace.Names) (trace.Trace, error)
	ItemPath(gtin, lot, serial string, names trace.Names) (trace.ItemPath, error)
	Involved(gtin, lot, uscc string) bool
}

// traceAccess: regulators and analysts read every trace; an enterprise
// reads the traces of goods it held or holds (checked per request).
var traceAccess = Roles(access.RoleRegulator, access.RoleAnalyst, access.RoleEnterprise)

// RouteTrace serves the trace of a batch (downstream: where every unit is
// now and how it got there; upstream: where the batch came from) and the
// path of one item.
func (s *Server) RouteTrace(t TraceModel, names Names, rm ReadModels) {
	s.HandleFunc("GET /api/v1/batches/{gtin}/{lot}/trace", func(w http.ResponseWriter, r *http.Request) error {
		if err := Consistent(w, r, rm); err != nil {
			return err
		}
		g, l, err := traceBatchPath(r)
		if err != nil {
			return err
		}
		var tr trace.Trace
		switch dir := r.URL.Query().Get("direction"); dir {
		case "", trace.Downstream:
			tr, err = t.Downstream(g, l, names)
		case trace.Upstream:
			tr, err = t.Upstream(g, l, names)
		default:
			return domain.Invalid("direction", "%q: want downstream or upstream", dir)
		}
		if err != nil {
			return err
		}
		if a, _ := ActorFrom(r.Context()); a.Role == access.RoleEnterprise && !t.Involved(g, l, a.USCC) {
			return domain.Forbidden("lot", "an enterprise reads only the traces of goods it held or holds")
		}
		WriteJSON(w, http.StatusOK, tr)
		return nil
	}, traceAccess)

	s.HandleFunc("GET /api/v1/items/{code}/trace", func(w http.ResponseWriter, r *http.Request) error {
		if err := Consistent(w, r, rm); err != nil {
			return err
		}
		c, err := ident.ParseItemCode(r.PathValue("code"))
		if err != nil {
			return domain.Invalid("code", "%v", err)
		}
		p, err := t.ItemPath(c.GTIN.String(), c.Lot.String(), c.Serial.String(), names)
		if err != nil {
			return err
		}
		if a, _ := ActorFrom(r.Context()); a.Role == access.RoleEnterprise && !slices.Contains(p.Involved, a.USCC) {
			return domain.Forbidden("code", "an enterprise reads only the paths of items it held or holds")
		}
		WriteJSON(w, http.StatusOK, p)
		return nil
	}, traceAccess)
}

// traceBatchPath parses the {gtin} and {lot} of a batch route, naming the one
// at fault.
func traceBatchPath(r *http.Request) (gtin, lot string, err error) {
	g, err := ident.ParseGTIN(r.PathValue("gtin"))
	if err != nil {
		return "", "", domain.Invalid("gtin", "%v", err)
	}
	l, err := ident.ParseLot(r.PathValue("lot"))
	if err != nil {
		return "", "", domain.Invalid("lot", "%v", err)
	}
	return g.String(), l.String(), nil
}
