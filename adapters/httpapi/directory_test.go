package httpapi_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/certificate"
	"github.com/traceledger/traceledger/projections/declaration"
	dirmodel "github.com/traceledger/traceledger/projections/directory"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/trace"
)

// directoryChain is the chain's scenario with the directories served over
// running read models.
func directoryChain(t *testing.T) *chain {
	t.Helper()
	store := sqlitetest.Open(t)
	c := &chain{recorded: recorded{t: t, h: command.NewHandlers(store, command.Options{}), store: store},
		imp: newUSCC(t, "91310000MA1FL0000"), dst: newUSCC(t, "91310000MA1FL0001"),
		r1: newUSCC(t, "91440300MA5DC0000"), r2: newUSCC(t, "91440300MA5DC0001"), stranger: newUSCC(t, "91110105MA0011000")}
	tr, dir, cert, decls := trace.New(), dirmodel.New(), certificate.New(), declaration.New()
	rl := recalllist.New(tr)
	c.runner = runModels(t, store, tr, rl, dir, cert, decls)
	c.srv = newFixtureServer(t, store, c.h, c.imp, c.dst, c.r1, c.r2, c.stranger)
	c.srv.RouteDirectories(query.NewEnterpriseDirectory(dir, nil, c.runner), query.NewProductDirectory(cert, c.runner),
		query.NewDeclarations(decls, dir.Names(), c.runner))
	c.srv.RouteBatchDirectory(query.NewBatchDirectory(tr, c.runner))
	c.srv.RouteRecalls(query.NewRecalls(rl, dir.Contacts(), c.runner))
	c.record()
	return c
}

type directoryPage struct {
	Enterprises  []query.EnterpriseSummary `json:"enterprises"`
	Products     []query.ProductSummary    `json:"products"`
	Declarations []query.DeclarationView   `json:"declarations"`
	Batches      []query.BatchSummary      `json:"batches"`
	Recalls      []struct {
		RecallID string `json:"recall_id"`
	} `json:"recalls"`
	Next *string `json:"next"`
}

func TestTheDirectoriesListFilterAndPageOverHTTP(t *testing.T) {
	c := directoryChain(t)
	// The regulator walks the enterprise directory two at a time, by USCC
	// descending, passing next back as after.
	var seen []string
	path := "/api/v1/enterprises?sort=-uscc&limit=2"
	for pages := 0; ; pages++ {
		var pg directoryPage
		c.getJSON(path, regToken, &pg)
		for _, e := range pg.Enterprises {
			seen = append(seen, e.USCC)
		}
		if pg.Next == nil {
			break
		}
		path = "/api/v1/enterprises?sort=-uscc&limit=2&after=" + url.QueryEscape(*pg.Next)
	}
	if len(seen) != 5 {
		t.Fatalf("walked %v, want the 5 enterprises", seen)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i-1] <= seen[i] {
			t.Fatalf("walked %v: not descending, or a row twice", seen)
		}
	}

	var pg directoryPage
	c.getJSON("/api/v1/enterprises?role=importer", regToken, &pg)
	if len(pg.Enterprises) != 1 || pg.Enterprises[0].USCC != c.imp || pg.Next != nil {
		t.Fatalf("importers %+v", pg)
	}
	pg = directoryPage{}
	c.getJSON("/api/v1/enterprises", c.token(c.r1), &pg)
	if len(pg.Enterprises) != 1 || pg.Enterprises[0].USCC != c.r1 {
		t.Fatalf("an enterprise's directory %+v: itself only", pg)
	}

	pg = directoryPage{}
	c.getJSON("/api/v1/products?origin=FR&certificate=issued&name="+url.QueryEscape("可可"), anaToken, &pg)
	if len(pg.Products) != 1 || pg.Products[0].GTIN != chainGTIN || pg.Products[0].OwnerUSCC != c.imp {
		t.Fatalf("products %+v", pg)
	}
	pg = directoryPage{}
	c.getJSON("/api/v1/products", c.token(c.stranger), &pg)
	if len(pg.Products) != 0 || pg.Next != nil {
		t.Fatalf("a stranger's products %+v", pg)
	}

	pg = directoryPage{}
	c.getJSON("/api/v1/customs/declarations?status=released&importer="+c.imp, c.token(c.imp), &pg)
	if len(pg.Declarations) != 1 || pg.Declarations[0].DeclarationNo != chainDecl || pg.Declarations[0].ImporterName == "" {
		t.Fatalf("the importer's declarations %+v", pg)
	}
	pg = directoryPage{}
	c.getJSON("/api/v1/customs/declarations?importer="+c.imp, c.token(c.stranger), &pg)
	if len(pg.Declarations) != 0 {
		t.Fatalf("another enterprise lists the importer's declaration: %+v", pg)
	}
}

func TestTheBatchDirectoryListsTheBatchesAnEnterpriseHandled(t *testing.T) {
	c := directoryChain(t)
	cases := []struct {
		name, path, token string
		batches           int
	}{
		{"a regulator lists every batch", "/api/v1/batches", regToken, 1},
		{"a retailer that received units", "/api/v1/batches", c.token(c.r2), 1},
		{"a stranger lists none", "/api/v1/batches", c.token(c.stranger), 0},
		{"by a holder", "/api/v1/batches?holder=" + c.r1, anaToken, 1},
		{"by a holder that never held any", "/api/v1/batches?holder=" + c.stranger, anaToken, 0},
		{"recalled", "/api/v1/batches?recalled=true&gtin=" + chainGTIN, regToken, 1},
		{"not recalled", "/api/v1/batches?recalled=false", regToken, 0},
		{"expiring before", "/api/v1/batches?expires_before=2027-10-01", regToken, 1},
		{"expiring after", "/api/v1/batches?expires_after=2027-09-30", regToken, 0},
		{"by owner", "/api/v1/batches?owner=" + c.imp + "&sort=-expires", regToken, 1},
		{"one lot", "/api/v1/batches?gtin=" + chainGTIN + "&lot=" + chainLot, regToken, 1},
		{"another lot", "/api/v1/batches?lot=NOSUCHLOT", regToken, 0},
		{"registered in a range", "/api/v1/batches?registered_from=2000-01-01&registered_to=2999-12-31", regToken, 1},
		{"registered later", "/api/v1/batches?registered_from=2999-01-01", regToken, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var pg directoryPage
			c.getJSON(tc.path, tc.token, &pg)
			if len(pg.Batches) != tc.batches || pg.Next != nil {
				t.Fatalf("listed %+v, want %d batches", pg, tc.batches)
			}
			if tc.batches == 1 && (pg.Batches[0].Lot != chainLot || pg.Batches[0].OwnerUSCC != c.imp || len(pg.Batches[0].Recalls) != 1) {
				t.Fatalf("listed %+v", pg.Batches[0])
			}
		})
	}
}

func TestTheRecallListFiltersOverHTTP(t *testing.T) {
	c := directoryChain(t)
	for _, tc := range []struct {
		path, token string
		recalls     int
	}{
		{"/api/v1/recalls?level=1&status=open&initiator=" + c.imp + "&sort=-started", regToken, 1},
		{"/api/v1/recalls?level=2", regToken, 0},
		{"/api/v1/recalls?status=closed", regToken, 0},
		{"/api/v1/recalls", c.token(c.r1), 1},
		{"/api/v1/recalls", c.token(c.stranger), 0},
		{"/api/v1/recalls?started_from=2000-01-01&started_to=2999-12-31", regToken, 1},
		{"/api/v1/recalls?started_to=2000-01-01", regToken, 0},
	} {
		var pg directoryPage
		c.getJSON(tc.path, tc.token, &pg)
		if len(pg.Recalls) != tc.recalls || pg.Next != nil {
			t.Errorf("%s: %+v, want %d recalls", tc.path, pg, tc.recalls)
		}
	}
}

func TestBadDirectoryQueriesAre400NamingTheParameter(t *testing.T) {
	c := directoryChain(t)
	for _, tc := range []struct{ path, field string }{
		{"/api/v1/enterprises?grade=five", "grade"},
		{"/api/v1/enterprises?role=farmer", "role"},
		{"/api/v1/enterprises?sort=colour", "sort"},
		{"/api/v1/enterprises?limit=0", "limit"},
		{"/api/v1/enterprises?limit=1001", "limit"},
		{"/api/v1/enterprises?after=%E4%BD%A0", "after"},
		{"/api/v1/products?origin=France", "origin"},
		{"/api/v1/products?owner=nobody", "owner"},
		{"/api/v1/products?certificate=valid", "certificate"},
		{"/api/v1/customs/declarations?status=open", "status"},
		{"/api/v1/customs/declarations?declared_from=March", "declared_from"},
		{"/api/v1/customs/declarations?importer=x", "importer"},
		{"/api/v1/batches?recalled=yes", "recalled"},
		{"/api/v1/batches?expires_before=tomorrow", "expires_before"},
		{"/api/v1/batches?gtin=123", "gtin"},
		{"/api/v1/batches?holder=x", "holder"},
		{"/api/v1/batches?lot=" + strings.Repeat("L", 21), "lot"},
		{"/api/v1/batches?origin=France", "origin"},
		{"/api/v1/batches?registered_to=soon", "registered_to"},
		{"/api/v1/enterprises?registered_from=March", "registered_from"},
		{"/api/v1/products?registered_to=May", "registered_to"},
		{"/api/v1/recalls?started_from=x", "started_from"},
		{"/api/v1/recalls?level=4", "level"},
		{"/api/v1/recalls?status=late", "status"},
		{"/api/v1/recalls?sort=-colour", "sort"},
	} {
		rec := c.get(tc.path, regToken)
		var body struct {
			Error struct {
				Field string `json:"field"`
			} `json:"error"`
		}
		json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != 400 || body.Error.Field != tc.field {
			t.Errorf("%s = %d %s, want 400 naming %s", tc.path, rec.Code, rec.Body, tc.field)
		}
	}
	if rec := c.get("/api/v1/enterprises", ""); rec.Code != 401 {
		t.Errorf("anonymous directory = %d, want 401", rec.Code)
	}
}
