package query_test

import (
	"context"
	"errors"
	"testing"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

type tokenRows []query.TokenRow

func (r tokenRows) Tokens(context.Context) ([]query.TokenRow, error) { return r, nil }

func TestAnEnterpriseReadsOnlyTheTokensBoundToItsOwnUSCC(t *testing.T) {
	const other = "91310000MA1FL0000N"
	q := query.NewTokens(tokenRows{
		{ID: "a", Role: access.RoleEnterprise, USCC: shop, Label: "till"},
		{ID: "b", Role: access.RoleEnterprise, USCC: other},
		{ID: "c", Role: access.RoleRegulator},
	})
	got, err := q.Own(t.Context(), query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: shop}})
	if err != nil || len(got) != 1 || got[0].ID != "a" {
		t.Errorf("own tokens = %+v, %v; want only a", got, err)
	}
	for _, role := range []access.Role{access.RoleAdmin, access.RoleRegulator, access.RoleAnalyst} {
		if _, err := q.Own(t.Context(), query.Read{Actor: access.Actor{Role: role}}); !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("%s: %v, want forbidden", role, err)
		}
	}
}
