package httpapi_test

import (
	"encoding/json"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
)

// meNames names one enterprise.
type meNames map[string]string

func (n meNames) Name(uscc string) string { return n[uscc] }

// A token learns who it is: an enterprise its USCC and name, the other
// roles their role only; no token is 401.
func TestMeTellsATokenWhoItIs(t *testing.T) {
	store := sqlitetest.Open(t)
	shop := newUSCC(t, "91440300MA5DC0000")
	srv := newFixtureServer(t, store, command.NewHandlers(store, command.Options{}), shop)
	srv.RouteMe(query.NewIdentities(meNames{shop: "Shop Co."}, stopped{}))
	cases := []struct {
		token string
		want  query.Identity
	}{
		{"tok-" + shop, query.Identity{Role: "enterprise", USCC: shop, Name: "Shop Co."}},
		{regToken, query.Identity{Role: "regulator"}},
		{anaToken, query.Identity{Role: "analyst"}},
		{admToken, query.Identity{Role: "admin"}},
	}
	for _, c := range cases {
		rec := readAt(t, srv, "/api/v1/me", c.token, 0)
		var got query.Identity
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 || got != c.want {
			t.Errorf("%s: %d %s, want %+v", c.token, rec.Code, rec.Body, c.want)
		}
	}
	if rec := readAt(t, srv, "/api/v1/me", "", 0); rec.Code != 401 {
		t.Errorf("no token: %d %s, want 401", rec.Code, rec.Body)
	}
}
