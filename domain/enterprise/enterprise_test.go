package enterprise_test

import (
	"testing"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

func TestEnterprise(t *testing.T) {
	u, err := ident.NewUSCC("91310000MA1FL0000")
	if err != nil {
		t.Fatal(err)
	}
	d := enterprise.Details{Name: "上海明辉进出口贸易有限公司", Region: "上海", Roles: []enterprise.Role{enterprise.Importer}}
	reg := enterprise.Registered{USCC: u.String(), Name: d.Name, Region: d.Region, Roles: []string{"importer"}}
	cases := []Case[*enterprise.Enterprise]{
		When("register", nil, func(e *enterprise.Enterprise) error { return e.Register(u, d) }, nil, []event.Event{reg}),
		When("registered once", []event.Event{reg}, func(e *enterprise.Enterprise) error { return e.Register(u, d) }, domain.ErrConflict, nil),
		When("a role is required", nil, func(e *enterprise.Enterprise) error { x := d; x.Roles = nil; return e.Register(u, x) }, domain.ErrInvalid, nil),
		When("penalty", []event.Event{reg}, func(e *enterprise.Enterprise) error {
			return e.ImposePenalty("上海市市场监督管理局", 50000, "标签不符")
		}, nil,
			[]event.Event{enterprise.PenaltyImposed{USCC: u.String(), Authority: "上海市市场监督管理局", AmountCNY: 50000, Reason: "标签不符"}}),
		When("penalty on an unknown enterprise", nil, func(e *enterprise.Enterprise) error { return e.ImposePenalty("a", 1, "r") }, domain.ErrNotFound, nil),
	}
	Run(t, enterprise.Load, "enterprise-"+u.String(), cases)
	e, _ := enterprise.Load(Given(t, "e", reg))
	if e.RequireRole("x", enterprise.Retailer) == nil || e.RequireRole("x", enterprise.Importer) != nil {
		t.Fatal("RequireRole does not follow the registered roles")
	}
}
