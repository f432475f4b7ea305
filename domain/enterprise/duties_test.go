package enterprise_test

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/enterprise"
)

func TestEachStepOfTheChainIsTakenByItsRoles(t *testing.T) {
	type rule func(e *enterprise.Enterprise) error
	cases := []struct {
		name string
		rule rule
		ok   []string
		not  []string
	}{
		{"barcode notification", func(e *enterprise.Enterprise) error { return e.MayNotifyBarcodes("f") }, []string{"importer"}, []string{"manufacturer", "retailer"}},
		{"customs declaration", func(e *enterprise.Enterprise) error { return e.MayDeclareImports("f") }, []string{"importer"}, []string{"distributor"}},
		{"imported batch", func(e *enterprise.Enterprise) error { return e.MayOwnBatch("f", true) }, []string{"importer"}, []string{"manufacturer"}},
		{"domestic batch", func(e *enterprise.Enterprise) error { return e.MayOwnBatch("f", false) }, []string{"manufacturer"}, []string{"importer"}},
		{"sale", func(e *enterprise.Enterprise) error { return e.MaySell("f") }, []string{"retailer", "ecommerce"}, []string{"distributor", "importer"}},
		{"receipt", func(e *enterprise.Enterprise) error { return e.MayReceiveGoods("f") },
			[]string{"manufacturer", "importer", "distributor", "retailer", "ecommerce"}, []string{"logistics"}},
	}
	as := func(t *testing.T, role string) *enterprise.Enterprise {
		e := Loaded(t, enterprise.Load, "enterprise-x", enterprise.Registered{USCC: "91310000MA1FL0000N", Name: "n", Region: "310000", Roles: []string{role}})
		return e
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, r := range c.ok {
				if err := c.rule(as(t, r)); err != nil {
					t.Errorf("%s refused: %v", r, err)
				}
			}
			for _, r := range c.not {
				err := c.rule(as(t, r))
				var re *domain.RuleError
				if !errors.Is(err, domain.ErrConflict) || !errors.As(err, &re) || re.Field != "f" {
					t.Errorf("%s: error %v, want a conflict naming f", r, err)
				}
			}
		})
	}
}
