package access_test

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

func TestOverseersReadEverythingAndAnEnterpriseWhatConcernsIt(t *testing.T) {
	const own, other = "91310000MA1FL0001A", "91310000MA1FL0002B"
	reg := access.Actor{Role: access.RoleRegulator}
	ana := access.Actor{Role: access.RoleAnalyst}
	ent := access.Actor{Role: access.RoleEnterprise, USCC: own}
	adm := access.Actor{Role: access.RoleAdmin}
	heldByOwn := func(uscc string) bool { return uscc == own }
	heldByOther := func(uscc string) bool { return uscc == other }

	for _, c := range []struct {
		name string
		err  error
		want error
	}{
		{"a regulator reads goods it never held", access.MayReadGoods(reg, heldByOther), nil},
		{"an analyst reads goods it never held", access.MayReadGoods(ana, heldByOther), nil},
		{"an enterprise reads goods it held", access.MayReadGoods(ent, heldByOwn), nil},
		{"an enterprise does not read goods it never held", access.MayReadGoods(ent, heldByOther), access.ErrNotVisible},
		{"an admin does not read histories", access.MayReadGoods(adm, heldByOwn), domain.ErrForbidden},
		{"an enterprise reads its own history", access.MayReadEnterpriseHistory(ent, own), nil},
		{"an enterprise does not read another's history", access.MayReadEnterpriseHistory(ent, other), access.ErrNotVisible},
		{"a regulator reads any enterprise's history", access.MayReadEnterpriseHistory(reg, other), nil},
		{"an enterprise reads the trace of goods it held", access.MayReadBatchTrace(ent, heldByOwn), nil},
		{"an enterprise does not read the trace of goods it never held", access.MayReadBatchTrace(ent, heldByOther), access.ErrNotVisible},
		{"an enterprise reads the path of an item it held", access.MayReadItemPath(ent, []string{other, own}), nil},
		{"an enterprise does not read the path of an item it never held", access.MayReadItemPath(ent, []string{other}), access.ErrNotVisible},
		{"an analyst reads any item's path", access.MayReadItemPath(ana, nil), nil},
		{"an enterprise reads its own grade", access.MayReadGrade(ent, own), nil},
		{"an enterprise does not read another's grade", access.MayReadGrade(ent, other), access.ErrNotVisible},
		{"an enterprise reads a declaration it filed", access.MayReadDeclaration(ent, own), nil},
		{"an enterprise does not read another's declaration", access.MayReadDeclaration(ent, other), access.ErrNotVisible},
		{"an admin reads no declaration", access.MayReadDeclaration(adm, other), domain.ErrForbidden},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !errors.Is(c.err, c.want) || (c.want == nil && c.err != nil) {
				t.Fatalf("got %v, want %v", c.err, c.want)
			}
		})
	}
}

func TestAnEnterpriseReadsTheRegistrationOfItselfAndItsTradingPartnersOnly(t *testing.T) {
	const own, partner, stranger = "91310000MA1FL0000N", "91440300MA5DC0000X", "91110000MA00AAAA1X"
	shares := func(a, b string) bool { return a == own && b == partner }
	for _, c := range []struct {
		name  string
		actor access.Actor
		uscc  string
		want  error
	}{
		{"regulator, anyone", access.Actor{Role: access.RoleRegulator}, stranger, nil},
		{"analyst, anyone", access.Actor{Role: access.RoleAnalyst}, stranger, nil},
		{"itself", access.Actor{Role: access.RoleEnterprise, USCC: own}, own, nil},
		{"a partner", access.Actor{Role: access.RoleEnterprise, USCC: own}, partner, nil},
		{"a stranger", access.Actor{Role: access.RoleEnterprise, USCC: own}, stranger, access.ErrNotVisible},
		{"admin", access.Actor{Role: access.RoleAdmin}, own, domain.ErrForbidden},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := access.MayReadEnterpriseProfile(c.actor, c.uscc, shares)
			if (c.want == nil) != (err == nil) || (c.want != nil && !errors.Is(err, c.want)) {
				t.Errorf("MayReadEnterpriseProfile = %v, want %v", err, c.want)
			}
		})
	}
}
