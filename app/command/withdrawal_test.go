package command_test

import (
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

const (
	wMaker = "91440101MA59TE000A"
	wShop  = "91440101MA59TE001D"
	wGTIN  = "6901234567892"
)

// shopWithStock is a ledger whose clock reads clock: a maker's batch
// expiring 2026-03-01 and 30 of its units received by a shop.
func shopWithStock(t *testing.T, clock *time.Time) *command.Handlers {
	t.Helper()
	h := command.NewHandlers(&conflictingStore{}, command.Options{Now: func() time.Time { return *clock }})
	ctx := t.Context()
	must := func(out command.Outcome, err error) command.Outcome {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: wMaker, Name: "Maker", Region: "440100", Roles: []string{"manufacturer"}}))
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: wShop, Name: "Shop", Region: "440100", Roles: []string{"retailer"}}))
	maker := access.Actor{Role: access.RoleEnterprise, USCC: wMaker}
	must(h.RegisterProduct(ctx, maker, command.RegisterProduct{GTIN: wGTIN, Name: "Tea", Brand: "B", Spec: "250 g",
		Category: "snacks", OriginCountry: "CN", Manufacturer: "Maker", OwnerUSCC: wMaker, ShelfLifeDays: 365}))
	must(h.RegisterBatch(ctx, maker, command.RegisterBatch{GTIN: wGTIN, Lot: "L1", Quantity: 100, ProducedOn: "2025-03-01", ExpiresOn: "2026-03-01", OwnerUSCC: wMaker}))
	out := must(h.Ship(ctx, maker, command.Ship{FromUSCC: wMaker, ToUSCC: wShop, Waybill: "W1", Lines: []command.QuantityLine{{GTIN: wGTIN, Lot: "L1", Quantity: 30}}}))
	must(h.ConfirmReceipt(ctx, shop, command.ConfirmReceipt{ShipmentID: out.ShipmentID}))
	return h
}

var shop = access.Actor{Role: access.RoleEnterprise, USCC: wShop}

func sale(q int64) command.Sell {
	return command.Sell{SellerUSCC: wShop, Channel: "retail", Lines: []command.QuantityLine{{GTIN: wGTIN, Lot: "L1", Quantity: q}}}
}

func wantField(t *testing.T, err error, kind error, field string) {
	t.Helper()
	var re *domain.RuleError
	if !errors.Is(err, kind) || !errors.As(err, &re) || re.Field != field {
		t.Fatalf("want %v on %s, got %v", kind, field, err)
	}
}

func TestSaleIsJudgedExpiredAtTheLedgersClockNotTheClaimedTime(t *testing.T) {
	clock := time.Date(2026, 2, 27, 2, 0, 0, 0, time.UTC)
	h := shopWithStock(t, &clock)
	if _, err := h.Sell(t.Context(), shop, sale(2)); err != nil {
		t.Fatalf("before expiry: %v", err)
	}
	clock = time.Date(2026, 3, 1, 16, 5, 0, 0, time.UTC) // 2 March, 00:05 in China
	claimed := time.Date(2026, 2, 28, 9, 0, 0, 0, time.UTC)
	in := sale(1)
	in.OccurredAt = &claimed
	_, err := h.Sell(t.Context(), shop, in)
	wantField(t, err, domain.ErrConflict, "expires_on")
}

func TestSaleAfterAFailedMarketInspectionIsRefusedUntilAPassingOne(t *testing.T) {
	clock := time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC)
	h := shopWithStock(t, &clock)
	ctx := t.Context()
	inspect := func(result string) {
		t.Helper()
		if _, err := h.InspectMarket(ctx, regulator, command.InspectMarket{GTIN: wGTIN, Lot: "L1", EnterpriseUSCC: wShop, Result: result, Findings: "酸价超标"}); err != nil {
			t.Fatal(err)
		}
	}
	inspect("fail")
	_, err := h.Sell(ctx, shop, sale(1))
	wantField(t, err, domain.ErrConflict, "inspection")
	inspect("pass")
	if _, err := h.Sell(ctx, shop, sale(1)); err != nil {
		t.Fatalf("after a passing re-inspection: %v", err)
	}
}

func TestARegulatorOrdersAWithdrawalTheShopRecordsAndDisposes(t *testing.T) {
	clock := time.Date(2026, 9, 29, 2, 0, 0, 0, time.UTC)
	h := shopWithStock(t, &clock)
	ctx := t.Context()
	if _, err := h.OrderWithdrawal(ctx, shop, command.OrderWithdrawal{GTIN: wGTIN, Lot: "L1", HolderUSCC: wShop, Reason: "uncertified"}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("an enterprise orders a withdrawal: %v", err)
	}
	out, err := h.OrderWithdrawal(ctx, regulator, command.OrderWithdrawal{GTIN: wGTIN, Lot: "L1", HolderUSCC: wShop, Reason: "uncertified", Note: "无合格证明"})
	if err != nil || out.OrderID == "" {
		t.Fatalf("order: %+v, %v", out, err)
	}
	other := access.Actor{Role: access.RoleEnterprise, USCC: wMaker}
	if _, err := h.RecordWithdrawal(ctx, other, command.RecordWithdrawal{GTIN: wGTIN, Lot: "L1", HolderUSCC: wShop, Reason: "ordered", OrderID: out.OrderID, All: true}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("another enterprise records the shop's withdrawal: %v", err)
	}
	if _, err := h.RecordWithdrawal(ctx, shop, command.RecordWithdrawal{GTIN: wGTIN, Lot: "L1", HolderUSCC: wShop, Reason: "ordered", OrderID: out.OrderID, All: true}); err != nil {
		t.Fatalf("withdraw: %v", err)
	}
	if _, err := h.Sell(ctx, shop, sale(1)); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("sale of withdrawn units: %v", err)
	}
	_, err = h.RecordDisposal(ctx, shop, command.RecordDisposal{GTIN: wGTIN, Lot: "L1", HolderUSCC: wShop, Disposition: "returned_to_supplier", SupplierUSCC: wMaker, Quantity: 31})
	wantField(t, err, domain.ErrConflict, "")
	if _, err := h.RecordDisposal(ctx, shop, command.RecordDisposal{GTIN: wGTIN, Lot: "L1", HolderUSCC: wShop, Disposition: "returned_to_supplier", SupplierUSCC: wMaker, Quantity: 30}); err != nil {
		t.Fatalf("dispose: %v", err)
	}
}

func TestAWithdrawalOrderGivesOneToThirtyWorkingDays(t *testing.T) {
	clock := time.Date(2026, 9, 30, 2, 0, 0, 0, time.UTC)
	h := shopWithStock(t, &clock)
	if _, err := h.OrderWithdrawal(t.Context(), regulator, command.OrderWithdrawal{GTIN: wGTIN, Lot: "L1", HolderUSCC: wShop, Reason: "expired", WorkingDays: 31}); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("31 working days: %v", err)
	}
	if _, err := h.OrderWithdrawal(t.Context(), regulator, command.OrderWithdrawal{GTIN: wGTIN, Lot: "L1", HolderUSCC: wShop, Reason: "expired"}); err != nil {
		t.Fatal(err)
	}
}

// Disposed units have left the holder's stock: a recall of the batch needs
// no return of them and closes once the rest is accounted for.
func TestARecallClosesAfterTheHolderDisposedOfItsWithdrawnUnits(t *testing.T) {
	clock := time.Date(2026, 2, 2, 2, 0, 0, 0, time.UTC)
	h := shopWithStock(t, &clock)
	ctx := t.Context()
	if _, err := h.RecordWithdrawal(ctx, shop, command.RecordWithdrawal{GTIN: wGTIN, Lot: "L1", HolderUSCC: wShop, Reason: "inspection_failed", All: true}); err != nil {
		t.Fatalf("withdraw: %v", err)
	}
	if _, err := h.RecordDisposal(ctx, shop, command.RecordDisposal{GTIN: wGTIN, Lot: "L1", HolderUSCC: wShop, Disposition: "destroyed", Quantity: 30}); err != nil {
		t.Fatalf("dispose: %v", err)
	}
	r, err := h.StartRecall(ctx, regulator, command.StartRecall{Batches: []command.BatchRef{{GTIN: wGTIN, Lot: "L1"}}, Level: 2, Reason: "酸价超标", InitiatedByUSCC: wMaker})
	if err != nil {
		t.Fatal(err)
	}
	// The shop has nothing left to return.
	_, err = h.RecordRecallReturn(ctx, shop, command.RecordRecallReturn{RecallID: r.RecallID, HolderUSCC: wShop, Quantity: 1, Disposition: "returned"})
	if !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("return of disposed units: %v", err)
	}
	if _, err := h.CloseRecall(ctx, regulator, command.CloseRecall{RecallID: r.RecallID}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("close with the maker's 70 units in stock: %v", err)
	}
	if _, err := h.RecordRecallReturn(ctx, regulator, command.RecordRecallReturn{RecallID: r.RecallID, HolderUSCC: wMaker, Quantity: 70, Disposition: "destroyed"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.CloseRecall(ctx, regulator, command.CloseRecall{RecallID: r.RecallID}); err != nil {
		t.Fatalf("close: %v", err)
	}
}
