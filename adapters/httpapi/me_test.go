package httpapi_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
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
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 ||
			got.Role != c.want.Role || got.USCC != c.want.USCC || got.Name != c.want.Name {
			t.Errorf("%s: %d %s, want %+v", c.token, rec.Code, rec.Body, c.want)
		}
	}
	if rec := readAt(t, srv, "/api/v1/me", "", 0); rec.Code != 401 {
		t.Errorf("no token: %d %s, want 401", rec.Code, rec.Body)
	}
}

// An admin's /me names token management and the admin pages, from the
// commands' own rules: the UI needs no other call to know its pages.
func TestMeTellsAnAdminItManagesTokensAndItsPages(t *testing.T) {
	store := sqlitetest.Open(t)
	srv := newFixtureServer(t, store, command.NewHandlers(store, command.Options{}))
	srv.RouteMe(query.NewIdentities(nil, stopped{}).WithCommands(command.Capabilities))
	rec := readAt(t, srv, "/api/v1/me", admToken, 0)
	var got query.Identity
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	if !slices.Contains(got.May, "tokens.manage") || slices.Contains(got.May, "recall.start") ||
		!slices.Contains(got.Pages, "admin-tokens") || !slices.Contains(got.Pages, "admin-status") || slices.Contains(got.Pages, "recalls") {
		t.Errorf("admin /me = %+v", got)
	}
}

// tokenBook lists a fakeAdmin's tokens for app/query.
type tokenBook struct{ *fakeAdmin }

func (b tokenBook) Tokens(ctx context.Context) ([]query.TokenRow, error) { return b.List(ctx) }

// An enterprise reads its own tokens' activity, never another's nor a
// secret; the other roles may not use the route.
func TestAnEnterpriseReadsOnlyItsOwnTokens(t *testing.T) {
	store := sqlitetest.Open(t)
	shop := newUSCC(t, "91440300MA5DC0000")
	other := newUSCC(t, "91310000MA1FL0000")
	srv := newFixtureServer(t, store, command.NewHandlers(store, command.Options{}), shop)
	admin := &fakeAdmin{}
	for _, c := range []struct {
		role        access.Role
		uscc, label string
	}{
		{access.RoleEnterprise, shop, "till 1"}, {access.RoleEnterprise, other, "theirs"}, {access.RoleAnalyst, "", ""}, {access.RoleEnterprise, shop, "till 2"},
	} {
		if _, err := admin.Create(t.Context(), c.role, c.uscc, c.label); err != nil {
			t.Fatal(err)
		}
	}
	srv.RouteMyTokens(query.NewTokens(tokenBook{admin}))
	rec := readAt(t, srv, "/api/v1/me/tokens?limit=1", "tok-"+shop, 0)
	var page struct {
		Tokens []query.TokenRow
		Next   *string
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || rec.Code != 200 || len(page.Tokens) != 1 || page.Tokens[0].Label != "till 1" || page.Next == nil {
		t.Fatalf("first page: %d %s", rec.Code, rec.Body)
	}
	rec = readAt(t, srv, "/api/v1/me/tokens?limit=10&after="+*page.Next, "tok-"+shop, 0)
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || len(page.Tokens) != 1 || page.Tokens[0].Label != "till 2" || page.Next != nil {
		t.Fatalf("second page: %d %s", rec.Code, rec.Body)
	}
	if strings.Contains(rec.Body.String(), "tl_secret") || strings.Contains(rec.Body.String(), other) {
		t.Errorf("the list shows a secret or another's token: %s", rec.Body)
	}
	for _, tok := range []string{regToken, anaToken, admToken} {
		if rec := readAt(t, srv, "/api/v1/me/tokens", tok, 0); rec.Code != 403 {
			t.Errorf("%s: %d, want 403", tok, rec.Code)
		}
	}
}
