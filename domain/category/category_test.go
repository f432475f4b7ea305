package category_test

import (
	"testing"

	"github.com/traceledger/traceledger/domain/category"
)

func TestACategoryIsFoundByCodeOrEitherName(t *testing.T) {
	for _, s := range []string{"infant_formula", "婴幼儿配方食品", "infant formula", " Infant Formula "} {
		if e, ok := category.Lookup(s); !ok || e.Code != "infant_formula" || e.Zh != "婴幼儿配方食品" {
			t.Errorf("Lookup(%q) = %+v, %v", s, e, ok)
		}
	}
}

func TestFreeTextIsNotACategory(t *testing.T) {
	for _, s := range []string{"", "food", "奶", "Infant"} {
		if e, ok := category.Lookup(s); ok {
			t.Errorf("Lookup(%q) found %+v", s, e)
		}
	}
}

func TestTheCatalogueListsTheKeyTraceabilityProducts(t *testing.T) {
	c := category.Current()
	if c.Version == "" {
		t.Fatal("no version")
	}
	for _, code := range []string{"infant_formula", "dairy", "meat", "edible_oil", "liquor", "health_food", "cosmetics", "drug"} {
		found := false
		for _, e := range c.Categories {
			found = found || e.Code == code
		}
		if !found {
			t.Errorf("%s missing", code)
		}
	}
}
