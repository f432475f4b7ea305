package access_test

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

const acme = "91310000MA1FL0000N"

func TestAnEnterpriseActsOnlyForItsOwnUSCC(t *testing.T) {
	tests := []struct {
		name  string
		actor access.Actor
		ok    bool
	}{
		{"regulator for anyone", access.Actor{Role: access.RoleRegulator}, true},
		{"enterprise for itself", access.Actor{Role: access.RoleEnterprise, USCC: acme}, true},
		{"enterprise for another", access.Actor{Role: access.RoleEnterprise, USCC: "91440300MA5DC0000X"}, false},
		{"analyst", access.Actor{Role: access.RoleAnalyst}, false},
		{"system", access.Actor{Role: access.RoleSystem}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.actor.ActsFor(acme, "owner_uscc")
			if tt.ok {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var fe *domain.RuleError
			if !errors.Is(err, domain.ErrForbidden) || !errors.As(err, &fe) || fe.Field != "owner_uscc" {
				t.Fatalf("error = %#v, want forbidden naming owner_uscc", err)
			}
		})
	}
}

func TestOnlyRegulatorsAndEnterprisesRecordEvents(t *testing.T) {
	for role, ok := range map[access.Role]bool{access.RoleRegulator: true, access.RoleEnterprise: true,
		access.RoleAnalyst: false, access.RoleAdmin: false, access.RoleSystem: false} {
		err := access.Actor{Role: role}.MayRecord()
		if (err == nil) != ok || (err != nil && !errors.Is(err, domain.ErrForbidden)) {
			t.Errorf("%s: MayRecord = %v", role, err)
		}
	}
}

func TestOnlyRegulatorsPassTheRegulatorCheck(t *testing.T) {
	for role, ok := range map[access.Role]bool{access.RoleRegulator: true, access.RoleEnterprise: false, access.RoleSystem: false} {
		err := access.Actor{Role: role}.MustBeRegulator()
		if (err == nil) != ok || (err != nil && !errors.Is(err, domain.ErrForbidden)) {
			t.Errorf("%s: MustBeRegulator = %v", role, err)
		}
	}
}

func TestDeliveriesAreRecordedByTheSystemOrARegulator(t *testing.T) {
	for role, ok := range map[access.Role]bool{access.RoleRegulator: true, access.RoleSystem: true, access.RoleEnterprise: false} {
		err := access.Actor{Role: role}.MayRecordDeliveries()
		if (err == nil) != ok || (err != nil && !errors.Is(err, domain.ErrForbidden)) {
			t.Errorf("%s: MayRecordDeliveries = %v", role, err)
		}
	}
}
