package command_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

const (
	packMaker = "91310000MA1FL0000N"
	packDist  = "91440300MA5DC0000Y"
	packGTIN  = "6901234567892"
	caseA     = "006901234000000001"
	caseB     = "006901234000000018"
	pallet    = "006901234000000025"
)

func packCode(serial string) string { return "/01/0" + packGTIN + "/10/P1/21/" + serial }

// packFixture registers a maker with a batch P1 of 10 units, four of them
// labelled S1..S4, and a distributor.
func packFixture(t *testing.T) (*command.Handlers, access.Actor) {
	t.Helper()
	h := command.NewHandlers(&conflictingStore{}, command.Options{})
	ctx := t.Context()
	must := func(_ command.Outcome, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: packMaker, Name: "M", Region: "浙江", Roles: []string{"manufacturer"}}))
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: packDist, Name: "D", Region: "广东", Roles: []string{"distributor"}}))
	must(h.RegisterProduct(ctx, regulator, command.RegisterProduct{GTIN: packGTIN, Name: "P", Brand: "B", Spec: "1", Category: "dairy",
		OriginCountry: "CN", Manufacturer: "M", OwnerUSCC: packMaker, ShelfLifeDays: 900}))
	must(h.RegisterBatch(ctx, regulator, command.RegisterBatch{GTIN: packGTIN, Lot: "P1", Quantity: 10, ProducedOn: "2026-05-01", ExpiresOn: "2028-05-10", OwnerUSCC: packMaker}))
	must(h.ApplyLabels(ctx, regulator, command.ApplyLabels{GTIN: packGTIN, Lot: "P1", OwnerUSCC: packMaker, Serials: []string{"S1", "S2", "S3", "S4"}}))
	return h, access.Actor{Role: access.RoleEnterprise, USCC: packMaker}
}

func TestAUnitCannotBePackedIntoTwoContainers(t *testing.T) {
	h, maker := packFixture(t)
	ctx := t.Context()
	if _, err := h.PackContainer(ctx, maker, command.PackContainer{SSCC: caseA, HolderUSCC: packMaker, Items: []string{packCode("S1")}}); err != nil {
		t.Fatal(err)
	}
	_, err := h.PackContainer(ctx, maker, command.PackContainer{SSCC: caseB, HolderUSCC: packMaker, Items: []string{packCode("S1")}})
	if !errors.Is(err, domain.ErrConflict) || !strings.Contains(err.Error(), caseA) {
		t.Fatalf("packing S1 into a second case: %v, want a conflict naming case %s", err, caseA)
	}
	// Once unpacked, it may go into another case.
	if _, err := h.UnpackContainer(ctx, maker, command.UnpackContainer{SSCC: caseA, HolderUSCC: packMaker}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.PackContainer(ctx, maker, command.PackContainer{SSCC: caseB, HolderUSCC: packMaker, Items: []string{packCode("S1")}}); err != nil {
		t.Fatalf("packing an unpacked unit: %v", err)
	}
}

func TestOnlyTheHolderOfTheUnitsPacksThem(t *testing.T) {
	h, _ := packFixture(t)
	dist := access.Actor{Role: access.RoleEnterprise, USCC: packDist}
	_, err := h.PackContainer(t.Context(), dist, command.PackContainer{SSCC: caseA, HolderUSCC: packDist, Items: []string{packCode("S1")}})
	if !errors.Is(err, domain.ErrConflict) || !strings.Contains(err.Error(), "does not hold") {
		t.Fatalf("packing another's unit: %v, want a conflict", err)
	}
	_, err = h.PackContainer(t.Context(), dist, command.PackContainer{SSCC: caseA, HolderUSCC: packMaker, Items: []string{packCode("S1")}})
	if !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("packing for another enterprise: %v, want forbidden", err)
	}
}

func TestContainersNestWithoutCycles(t *testing.T) {
	h, maker := packFixture(t)
	ctx := t.Context()
	pack := func(in command.PackContainer) error {
		in.HolderUSCC = packMaker
		_, err := h.PackContainer(ctx, maker, in)
		return err
	}
	if err := pack(command.PackContainer{SSCC: caseA, Items: []string{packCode("S1")}}); err != nil {
		t.Fatal(err)
	}
	if err := pack(command.PackContainer{SSCC: pallet, Containers: []string{caseA}}); err != nil {
		t.Fatal(err)
	}
	if err := pack(command.PackContainer{SSCC: caseA, Containers: []string{pallet}}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("packing the pallet into its own case: %v, want a conflict", err)
	}
	if err := pack(command.PackContainer{SSCC: caseB, Containers: []string{caseA}}); !errors.Is(err, domain.ErrConflict) || !strings.Contains(err.Error(), "already in container") {
		t.Fatalf("packing a case already on a pallet: %v, want a conflict", err)
	}
	if err := pack(command.PackContainer{SSCC: caseB, Containers: []string{"006901234000000049"}}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("packing an unknown case: %v, want not found", err)
	}
}

func TestAPackedUnitIsNotShippedOrSoldOnItsOwn(t *testing.T) {
	h, maker := packFixture(t)
	ctx := t.Context()
	if _, err := h.PackContainer(ctx, maker, command.PackContainer{SSCC: caseA, HolderUSCC: packMaker, Items: []string{packCode("S1")}}); err != nil {
		t.Fatal(err)
	}
	_, err := h.Ship(ctx, maker, command.Ship{FromUSCC: packMaker, ToUSCC: packDist, Waybill: "W1", Items: []string{packCode("S1")}})
	if !errors.Is(err, domain.ErrConflict) || !strings.Contains(err.Error(), "packed in container") {
		t.Fatalf("shipping a packed unit alone: %v, want a conflict", err)
	}
	out, err := h.Ship(ctx, maker, command.Ship{FromUSCC: packMaker, ToUSCC: packDist, Waybill: "W1", Containers: []string{caseA}})
	if err != nil {
		t.Fatalf("shipping its case: %v", err)
	}
	dist := access.Actor{Role: access.RoleEnterprise, USCC: packDist}
	if _, err := h.ConfirmReceipt(ctx, dist, command.ConfirmReceipt{ShipmentID: out.ShipmentID}); err != nil {
		t.Fatalf("receipt: %v", err)
	}
	// The case is the distributor's now: it unpacks it, the maker cannot.
	if _, err := h.UnpackContainer(ctx, maker, command.UnpackContainer{SSCC: caseA, HolderUSCC: packMaker}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("the sender unpacking a delivered case: %v, want not found", err)
	}
	if _, err := h.UnpackContainer(ctx, dist, command.UnpackContainer{SSCC: caseA, HolderUSCC: packDist}); err != nil {
		t.Fatalf("the receiver unpacking: %v", err)
	}
}

func TestContainersNestAtMostThreeDeep(t *testing.T) {
	h, maker := packFixture(t)
	ctx := t.Context()
	pack := func(in command.PackContainer) error {
		in.HolderUSCC = packMaker
		_, err := h.PackContainer(ctx, maker, in)
		return err
	}
	const x4 = "006901234000000032"
	if err := pack(command.PackContainer{SSCC: caseA, Items: []string{packCode("S1")}}); err != nil {
		t.Fatal(err)
	}
	if err := pack(command.PackContainer{SSCC: caseB, Containers: []string{caseA}}); err != nil {
		t.Fatal(err)
	}
	if err := pack(command.PackContainer{SSCC: pallet, Containers: []string{caseB}}); err != nil {
		t.Fatalf("a third level: %v", err)
	}
	if err := pack(command.PackContainer{SSCC: x4, Containers: []string{pallet}}); !errors.Is(err, domain.ErrConflict) || !strings.Contains(err.Error(), "deep") {
		t.Fatalf("a fourth level: %v, want a conflict", err)
	}
}
