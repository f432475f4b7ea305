package query_test

import (
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
		if err != nil || got != c.want {
			t.Errorf("%+v: me = %+v, %v; want %+v", c.actor, got, err, c.want)
		}
	}
}
