package httpapi_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// secret is what a failing store's error names: another's data and the
// store's internals, which no client may read.
const secret = "91310000MA1SECRET9 ch-host-7.internal"

// failingModels answer every history, trace and recall list read with
// err: a broken disk, or ClickHouse out of reach.
type failingModels struct{ err error }

func (m failingModels) Item(context.Context, query.ItemKey) ([]uint64, bool, error) {
	return nil, false, m.err
}
func (m failingModels) ItemPage(context.Context, query.ItemKey, query.PageSpec) (query.PositionPage, bool, error) {
	return query.PositionPage{}, false, m.err
}
func (m failingModels) BatchPage(context.Context, query.BatchKey, query.PageSpec) (query.PositionPage, bool, error) {
	return query.PositionPage{}, false, m.err
}
func (m failingModels) ProductPage(context.Context, string, query.PageSpec) (query.PositionPage, bool, error) {
	return query.PositionPage{}, false, m.err
}
func (m failingModels) EnterprisePage(context.Context, string, query.PageSpec) (query.PositionPage, bool, error) {
	return query.PositionPage{}, false, m.err
}
func (m failingModels) LotsOf(context.Context, string, string) ([]string, error) { return nil, m.err }
func (m failingModels) ItemHeldBy(context.Context, query.ItemKey, string) (bool, error) {
	return false, m.err
}
func (m failingModels) BatchHeldBy(context.Context, query.BatchKey, string) (bool, error) {
	return false, m.err
}
func (m failingModels) ProductHeldBy(context.Context, string, string) (bool, error) {
	return false, m.err
}
func (m failingModels) Card(context.Context, query.ItemKey, time.Time) (query.ItemCard, bool, error) {
	return query.ItemCard{}, false, m.err
}
func (m failingModels) ProductCard(context.Context, string, time.Time) (query.ProductCard, bool, error) {
	return query.ProductCard{}, false, m.err
}
func (m failingModels) Downstream(context.Context, string, string, query.Names) (query.TraceGraph, error) {
	return query.TraceGraph{}, m.err
}
func (m failingModels) Upstream(context.Context, string, string, query.Names) (query.TraceGraph, error) {
	return query.TraceGraph{}, m.err
}
func (m failingModels) ItemPath(context.Context, string, string, string, query.Names) (query.ItemPath, error) {
	return query.ItemPath{}, m.err
}
func (m failingModels) Involved(context.Context, string, string, string) (bool, error) {
	return false, m.err
}
func (m failingModels) Get(context.Context, string, time.Time, query.Directory) (query.RecallList, error) {
	return query.RecallList{}, m.err
}
func (m failingModels) All(context.Context, time.Time, query.Directory) ([]query.RecallList, error) {
	return nil, m.err
}
func (m failingModels) Inbox(context.Context, string, time.Time, query.Directory, uint64, int) ([]query.RecallNotice, uint64, error) {
	return nil, 0, m.err
}

func TestAFailingReadModelAnswersAServerErrorNamingNoDataNotNotFound(t *testing.T) {
	for _, c := range []struct {
		name   string
		err    error
		status int
		code   string
	}{
		{"the embedded model's store fails", errors.New("pebble: read of " + secret + ": input/output error"), http.StatusInternalServerError, "internal"},
		{"the ClickHouse read side is out of reach", &query.UnavailableError{Message: "the read side did not answer; retry later",
			Err: errors.New("dial " + secret + ": connection refused")}, http.StatusServiceUnavailable, "unavailable"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, nil)
			m := failingModels{c.err}
			f.srv.RouteHistories(query.NewHistories(m, f.store, atHead{}), f.store)
			f.srv.RouteTrace(query.NewTraces(m, nil, atHead{}))
			f.srv.RouteRecalls(query.NewRecalls(m, nil, atHead{}))
			for _, r := range []struct{ path, token string }{
				{"/api/v1/items/01/06901234567892/10/L1/21/S1/history", regToken},
				{"/api/v1/items/01/06901234567892/10/L1/21/S1/history", entToken},
				{"/api/v1/items/01/06901234567892/21/S1/history", entToken},
				{"/api/v1/batches/06901234567892/L1/history", entToken},
				{"/api/v1/products/06901234567892/history", regToken},
				{"/api/v1/enterprises/" + usccA + "/history", entToken},
				{"/api/v1/batches/06901234567892/L1/trace", regToken},
				{"/api/v1/batches/06901234567892/L1/trace?direction=upstream", entToken},
				{"/api/v1/items/%2F01%2F06901234567892%2F10%2FL1%2F21%2FS1/trace", regToken},
				{"/api/v1/recalls/R1", regToken},
				{"/api/v1/recalls", regToken},
				{"/api/v1/me/recall-notices", entToken},
				{"/01/06901234567892/10/L1/21/S1", ""},
				{"/01/06901234567892", ""},
			} {
				rec := f.do(t, "GET", r.path, r.token, "", "Accept", "application/json")
				if rec.Code != c.status {
					t.Errorf("GET %s as %q = %d %s; want %d, not a not-found", r.path, r.token, rec.Code, rec.Body, c.status)
					continue
				}
				if body := rec.Body.String(); strings.Contains(body, "SECRET") || strings.Contains(body, "ch-host") || !strings.Contains(body, `"code":"`+c.code+`"`) {
					t.Errorf("GET %s as %q answers %s: want code %s naming nothing of the failure", r.path, r.token, body, c.code)
				}
			}
		})
	}
}
