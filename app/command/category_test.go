package command_test

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
)

func TestAProductOfACategoryOutsideTheCatalogueIsNotRegistered(t *testing.T) {
	h := command.NewHandlers(&conflictingStore{}, command.Options{})
	if _, err := h.RegisterEnterprise(t.Context(), regulator, command.RegisterEnterprise{USCC: wMaker, Name: "Maker", Region: "广东广州", Roles: []string{"manufacturer"}}); err != nil {
		t.Fatal(err)
	}
	in := command.RegisterProduct{GTIN: wGTIN, Name: "燕麦饮", Brand: "B", Spec: "1L", Category: "燕麦饮料类", OriginCountry: "CN",
		Manufacturer: "Maker", OwnerUSCC: wMaker, ShelfLifeDays: 365}
	_, err := h.RegisterProduct(t.Context(), regulator, in)
	var fe *domain.FieldError
	if !errors.As(err, &fe) || fe.Field != "category" {
		t.Fatalf("err %v, want invalid category", err)
	}
	in.Category = "plant_protein_beverage"
	if _, err := h.RegisterProduct(t.Context(), regulator, in); err != nil {
		t.Fatalf("a catalogue code: %v", err)
	}
}
