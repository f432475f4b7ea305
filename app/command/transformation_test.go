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
	farm        = "91310000MA1FL0000N"
	dairy       = "91440300MA5DC0000Y"
	milkGTIN    = "6901234567892"
	formulaGTIN = "6901234567885"
)

// dairyFixture: a farm registers raw milk lot M1 (100 units) and ships it
// all to a dairy, which registers formula lots F1 and F2.
func dairyFixture(t *testing.T) (*command.Handlers, access.Actor, access.Actor) {
	t.Helper()
	h := command.NewHandlers(&conflictingStore{}, command.Options{})
	ctx := t.Context()
	must := func(_ command.Outcome, err error) command.Outcome {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return command.Outcome{}
	}
	f, d := access.Actor{Role: access.RoleEnterprise, USCC: farm}, access.Actor{Role: access.RoleEnterprise, USCC: dairy}
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: farm, Name: "Farm", Region: "内蒙古", Roles: []string{"manufacturer"}}))
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: dairy, Name: "Dairy", Region: "黑龙江", Roles: []string{"manufacturer"}}))
	must(h.RegisterProduct(ctx, regulator, command.RegisterProduct{GTIN: milkGTIN, Name: "生乳", Brand: "B", Spec: "1L", Category: "dairy",
		OriginCountry: "CN", Manufacturer: "Farm", OwnerUSCC: farm, ShelfLifeDays: 30}))
	must(h.RegisterProduct(ctx, regulator, command.RegisterProduct{GTIN: formulaGTIN, Name: "婴儿配方奶粉", Brand: "B", Spec: "800g", Category: "dairy",
		OriginCountry: "CN", Manufacturer: "Dairy", OwnerUSCC: dairy, ShelfLifeDays: 700}))
	must(h.RegisterBatch(ctx, f, command.RegisterBatch{GTIN: milkGTIN, Lot: "M1", Quantity: 100, ProducedOn: "2026-05-01", ExpiresOn: "2026-06-01", OwnerUSCC: farm}))
	for _, lot := range []string{"F1", "F2"} {
		must(h.RegisterBatch(ctx, d, command.RegisterBatch{GTIN: formulaGTIN, Lot: lot, Quantity: 50, ProducedOn: "2026-05-03", ExpiresOn: "2028-05-01", OwnerUSCC: dairy}))
	}
	out, err := h.Ship(ctx, f, command.Ship{FromUSCC: farm, ToUSCC: dairy, Waybill: "MILK1", Lines: []command.QuantityLine{{GTIN: milkGTIN, Lot: "M1", Quantity: 100}}})
	if err != nil {
		t.Fatal(err)
	}
	must(h.ConfirmReceipt(ctx, d, command.ConfirmReceipt{ShipmentID: out.ShipmentID}))
	return h, f, d
}

func TestARecallOfRawMilkReachesTheFormulaLotsMadeFromIt(t *testing.T) {
	h, f, d := dairyFixture(t)
	ctx := t.Context()
	tr, err := h.RecordTransformation(ctx, d, command.RecordTransformation{TransformerUSCC: dairy,
		Inputs:  []command.QuantityLine{{GTIN: milkGTIN, Lot: "M1", Quantity: 100}},
		Outputs: []command.BatchRef{{GTIN: formulaGTIN, Lot: "F1"}, {GTIN: formulaGTIN, Lot: "F2"}}})
	if err != nil || tr.TransformationID == "" {
		t.Fatalf("transformation: %+v, %v", tr, err)
	}
	if _, err := h.StartRecall(ctx, f, command.StartRecall{Batches: []command.BatchRef{{GTIN: milkGTIN, Lot: "M1"}}, Level: 1,
		Reason: "黄曲霉毒素M1超标", InitiatedByUSCC: farm}); err != nil {
		t.Fatalf("the farm recalling its milk: %v", err)
	}
	for _, lot := range []string{"F1", "F2"} {
		_, err := h.Ship(ctx, d, command.Ship{FromUSCC: dairy, ToUSCC: farm, Waybill: "F", Lines: []command.QuantityLine{{GTIN: formulaGTIN, Lot: lot, Quantity: 1}}})
		if !errors.Is(err, domain.ErrConflict) || !strings.Contains(err.Error(), "recalled") {
			t.Fatalf("shipping formula lot %s made of recalled milk: %v, want refused as recalled", lot, err)
		}
	}
}

func TestTransformationConsumesOnlyWhatTheTransformerHolds(t *testing.T) {
	h, f, d := dairyFixture(t)
	ctx := t.Context()
	outputs := []command.BatchRef{{GTIN: formulaGTIN, Lot: "F1"}}
	_, err := h.RecordTransformation(ctx, d, command.RecordTransformation{TransformerUSCC: dairy,
		Inputs: []command.QuantityLine{{GTIN: milkGTIN, Lot: "M1", Quantity: 101}}, Outputs: outputs})
	if !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("consuming more than held: %v, want a conflict", err)
	}
	_, err = h.RecordTransformation(ctx, f, command.RecordTransformation{TransformerUSCC: farm,
		Inputs: []command.QuantityLine{{GTIN: milkGTIN, Lot: "M1", Quantity: 1}}, Outputs: outputs})
	if err == nil {
		t.Fatal("the farm turned milk it no longer holds into another's formula")
	}
	if _, err := h.RecordTransformation(ctx, d, command.RecordTransformation{TransformerUSCC: dairy,
		Inputs: []command.QuantityLine{{GTIN: milkGTIN, Lot: "M1", Quantity: 60}}, Outputs: outputs}); err != nil {
		t.Fatal(err)
	}
	_, err = h.RecordTransformation(ctx, d, command.RecordTransformation{TransformerUSCC: dairy,
		Inputs: []command.QuantityLine{{GTIN: milkGTIN, Lot: "M1", Quantity: 41}}, Outputs: outputs})
	if !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("consuming consumed milk: %v, want a conflict", err)
	}
	_, err = h.RecordTransformation(ctx, d, command.RecordTransformation{TransformerUSCC: dairy,
		Inputs: []command.QuantityLine{{GTIN: milkGTIN, Lot: "M1", Quantity: 1}}, Outputs: []command.BatchRef{{GTIN: formulaGTIN, Lot: "F9"}}})
	if !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("an unregistered output: %v, want not found", err)
	}
}

func TestAnInputWithoutAQuantityUsesEveryUnitOnSale(t *testing.T) {
	h, _, d := dairyFixture(t)
	ctx := t.Context()
	if _, err := h.RecordTransformation(ctx, d, command.RecordTransformation{TransformerUSCC: dairy,
		Inputs: []command.QuantityLine{{GTIN: milkGTIN, Lot: "M1"}}, Outputs: []command.BatchRef{{GTIN: formulaGTIN, Lot: "F1"}}}); err != nil {
		t.Fatal(err)
	}
	_, err := h.RecordTransformation(ctx, d, command.RecordTransformation{TransformerUSCC: dairy,
		Inputs: []command.QuantityLine{{GTIN: milkGTIN, Lot: "M1", Quantity: 1}}, Outputs: []command.BatchRef{{GTIN: formulaGTIN, Lot: "F2"}}})
	if !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("using milk after the whole lot was used: %v, want a conflict", err)
	}
	_, err = h.RecordTransformation(ctx, d, command.RecordTransformation{TransformerUSCC: dairy,
		Inputs: []command.QuantityLine{{GTIN: milkGTIN, Lot: "M1"}}, Outputs: []command.BatchRef{{GTIN: formulaGTIN, Lot: "F2"}}})
	if !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("a whole lot the transformer no longer has: %v, want a conflict", err)
	}
}
