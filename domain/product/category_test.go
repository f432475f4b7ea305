package product_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/category"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
)

func details(t *testing.T, cat string) product.Details {
	fr, err := ident.ParseCountry("FR")
	if err != nil {
		t.Fatal(err)
	}
	return product.Details{Name: "Lait", Brand: "B", Spec: "1L", Category: cat, Manufacturer: "M",
		Origin: fr, Owner: importer(t), ShelfLifeDays: 180}
}

func theGTIN(t *testing.T) ident.GTIN {
	g, err := ident.ParseGTIN(gtin)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestARegistrationOutsideTheCatalogueIsRefusedNamingCategory(t *testing.T) {
	p := load(t)
	err := p.Register(theGTIN(t), details(t, "milky things"))
	var fe *domain.FieldError
	if !errors.Is(err, domain.ErrInvalid) || !errors.As(err, &fe) || fe.Field != "category" || !strings.Contains(err.Error(), "/api/v1/categories") {
		t.Fatalf("err %v: want invalid category pointing at GET /api/v1/categories", err)
	}
	if len(p.Changes()) != 0 {
		t.Errorf("raised %v", p.Changes())
	}
}

func TestARegistrationRecordsTheCatalogueEntry(t *testing.T) {
	for _, given := range []string{"dairy", "乳制品", "Dairy products"} {
		p := load(t)
		if err := p.Register(theGTIN(t), details(t, given)); err != nil {
			t.Fatalf("%s: %v", given, err)
		}
		got := p.Changes()[0].(product.Registered)
		if got.Category != "乳制品" || got.CategoryCode != "dairy" || got.CatalogueVersion != category.Current().Version {
			t.Errorf("%s: registered %+v", given, got)
		}
	}
}

func TestAFreeTextCategoryRecordedBeforeTheCatalogueStillLoads(t *testing.T) {
	old := registered("FR")
	old.Category = "进口乳品（旧）"
	if p := load(t, []event.Event{old}...); !p.Registered() {
		t.Error("a registration with a free-text category no longer loads")
	}
}
