package httpapi_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// fakeAdmin keeps tokens in memory.
type fakeAdmin struct {
	mu   sync.Mutex
	list []httpapi.TokenInfo
}

func (a *fakeAdmin) Create(_ context.Context, role access.Role, uscc, label string) (string, error) {
	if (role == access.RoleEnterprise) != (uscc != "") {
		return "", domain.Invalid("uscc", "enterprise_tokens_and_only_they", "enterprise tokens, and only they, carry a USCC")
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	id := string(rune('a' + len(a.list)))
	a.list = append(a.list, httpapi.TokenInfo{ID: id, Role: role, USCC: uscc, Label: label, CreatedAt: time.Now()})
	return "tl_secret_" + id, nil
}

func (a *fakeAdmin) List(context.Context) ([]httpapi.TokenInfo, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]httpapi.TokenInfo(nil), a.list...), nil
}

func (a *fakeAdmin) Revoke(_ context.Context, id string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	for i := range a.list {
		if a.list[i].ID == id {
			a.list[i].Revoked = true
			return nil
		}
	}
	return domain.NotFound("id", "no_token", "no token %s", id)
}

func TestAdminTokenRoutes(t *testing.T) {
	f := newFixture(t, func(c *httpapi.Config) { c.TokenAdmin = &fakeAdmin{} })
	wantError(t, f.do(t, "POST", "/api/v1/admin/tokens", regToken, `{"role":"analyst"}`), 403, "forbidden", "")
	wantError(t, f.do(t, "POST", "/api/v1/admin/tokens", admToken, `{"role":"root"}`), 400, "invalid", "role")
	wantError(t, f.do(t, "POST", "/api/v1/admin/tokens", admToken, `{"role":"enterprise"}`), 400, "invalid", "uscc")

	rec := f.do(t, "POST", "/api/v1/admin/tokens", admToken, `{"role":"enterprise","uscc":"`+usccA+`"}`)
	var created struct{ Token, Role, USCC string }
	if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil || rec.Code != 201 || created.Token == "" || created.USCC != usccA {
		t.Fatalf("create = %d %s", rec.Code, rec.Body)
	}
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Error("a token answer may be cached")
	}
	if rec := f.do(t, "DELETE", "/api/v1/admin/tokens/a", admToken, ""); rec.Code != 204 {
		t.Errorf("revoke = %d %s", rec.Code, rec.Body)
	}
	wantError(t, f.do(t, "DELETE", "/api/v1/admin/tokens/zz", admToken, ""), 404, "not_found", "id")
	rec = f.do(t, "GET", "/api/v1/admin/tokens", admToken, "")
	var list struct{ Tokens []httpapi.TokenInfo }
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || len(list.Tokens) != 1 || !list.Tokens[0].Revoked {
		t.Errorf("list = %d %s", rec.Code, rec.Body)
	}

	// Without a TokenAdmin there are no admin routes.
	g := newFixture(t, nil)
	wantError(t, g.do(t, "GET", "/api/v1/admin/tokens", admToken, ""), 404, "not_found", "")
}

// TestTheTokenListPagesOldestFirst: the token list pages like every list:
// next is an opaque cursor passed back as after, null on the last page.
func TestTheTokenListPagesOldestFirst(t *testing.T) {
	admin := &fakeAdmin{}
	f := newFixture(t, func(c *httpapi.Config) { c.TokenAdmin = admin })
	for range 3 {
		if _, err := admin.Create(t.Context(), access.RoleAnalyst, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	after := ""
	for pages := 0; pages < 5; pages++ {
		rec := f.do(t, "GET", "/api/v1/admin/tokens?limit=2&after="+url.QueryEscape(after), admToken, "")
		var pg struct {
			Tokens []httpapi.TokenInfo
			Next   *string
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &pg); err != nil || rec.Code != 200 || len(pg.Tokens) > 2 {
			t.Fatalf("page %d = %d %s", pages, rec.Code, rec.Body)
		}
		for _, tk := range pg.Tokens {
			ids = append(ids, tk.ID)
		}
		if pg.Next == nil {
			break
		}
		after = *pg.Next
	}
	if strings.Join(ids, "") != "abc" {
		t.Errorf("the pages list %v, want a b c once each, oldest first", ids)
	}
	wantError(t, f.do(t, "GET", "/api/v1/admin/tokens?after=forged", admToken, ""), 400, "invalid", "after")
}
