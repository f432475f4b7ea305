package query_test

import (
	"slices"
	"testing"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
)

// oneName names one enterprise.
type oneName struct{ uscc, name string }

func (n oneName) Name(uscc string) string {
	if uscc == n.uscc {
		return n.name
	}
	return ""
}

func TestMeAnswersTheRoleAndAnEnterprisesOwnUSCCAndName(t *testing.T) {
	q := query.NewIdentities(oneName{shop, "Shop Co."}, settled(0))
	cases := []struct {
		actor access.Actor
		want  query.Identity
	}{
		{access.Actor{Role: access.RoleEnterprise, USCC: shop}, query.Identity{Role: "enterprise", USCC: shop, Name: "Shop Co."}},
		{access.Actor{Role: access.RoleRegulator}, query.Identity{Role: "regulator"}},
		{access.Actor{Role: access.RoleAnalyst}, query.Identity{Role: "analyst"}},
		{access.Actor{Role: access.RoleAdmin}, query.Identity{Role: "admin"}},
	}
	for _, c := range cases {
		got, err := q.Me(t.Context(), query.Read{Actor: c.actor})
		if err != nil || got.Role != c.want.Role || got.USCC != c.want.USCC || got.Name != c.want.Name {
			t.Errorf("%+v: me = %+v, %v; want %+v", c.actor, got, err, c.want)
		}
	}
}

// capabilitiesOfTheCommands stands for command.Capabilities: a regulator
// and an enterprise record, only an enterprise acknowledges, an admin
// manages tokens.
func capabilitiesOfTheCommands(a access.Actor) []string {
	switch a.Role {
	case access.RoleRegulator:
		return []string{"recall.start"}
	case access.RoleEnterprise:
		return []string{"recall.acknowledge", "recall.start"}
	case access.RoleAdmin:
		return []string{"tokens.manage"}
	}
	return nil
}

func TestMeSaysWhatEachRoleMayDoAndWhichPagesItHas(t *testing.T) {
	q := query.NewIdentities(nil, settled(0)).WithCommands(capabilitiesOfTheCommands)
	cases := []struct {
		actor           access.Actor
		may, mayNot     []string
		pages, notPages []string
	}{
		{access.Actor{Role: access.RoleRegulator}, []string{"recall.start", "dashboards.read", "events.read", "ledger.read", "search"},
			[]string{"tokens.manage", "admin.status.read", "tokens.read_own"}, []string{"dashboard", "recalls", "targets"}, []string{"admin-tokens", "notices", "mytokens"}},
		{access.Actor{Role: access.RoleAnalyst}, []string{"dashboards.read", "ledger.read"},
			[]string{"recall.start", "events.read", "tokens.manage"}, []string{"dashboard", "enterprises"}, []string{"admin-status", "notices"}},
		{access.Actor{Role: access.RoleEnterprise, USCC: shop}, []string{"recall.start", "recall.acknowledge", "ledger.read", "search", "tokens.read_own"},
			[]string{"dashboards.read", "events.read", "tokens.manage", "admin.status.read"}, []string{"notices", "recalls", "mytokens"}, []string{"dashboard", "enterprises", "admin-tokens"}},
		{access.Actor{Role: access.RoleAdmin}, []string{"tokens.manage", "admin.status.read"},
			[]string{"ledger.read", "search", "recall.start", "dashboards.read"}, []string{"admin-tokens", "admin-status"}, []string{"dashboard", "recalls", "search"}},
	}
	for _, c := range cases {
		me, err := q.Me(t.Context(), query.Read{Actor: c.actor})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range c.may {
			if !slices.Contains(me.May, m) {
				t.Errorf("%s: may %v lacks %s", c.actor.Role, me.May, m)
			}
		}
		for _, m := range c.mayNot {
			if slices.Contains(me.May, m) {
				t.Errorf("%s: may %v holds %s", c.actor.Role, me.May, m)
			}
		}
		for _, p := range c.pages {
			if !slices.Contains(me.Pages, p) {
				t.Errorf("%s: pages %v lack %s", c.actor.Role, me.Pages, p)
			}
		}
		for _, p := range c.notPages {
			if slices.Contains(me.Pages, p) {
				t.Errorf("%s: pages %v hold %s", c.actor.Role, me.Pages, p)
			}
		}
		if !slices.IsSorted(me.May) {
			t.Errorf("%s: may %v is not sorted", c.actor.Role, me.May)
		}
	}
}
