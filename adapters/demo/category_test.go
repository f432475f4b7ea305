package demo

import (
	"testing"

	"github.com/traceledger/traceledger/domain/category"
)

func TestTheDemosProductsNameCatalogueCodes(t *testing.T) {
	for key, tmpl := range templates {
		if e, ok := category.Lookup(tmpl.category); !ok || e.Code != tmpl.category {
			t.Errorf("template %s: category %q is not a code of catalogue %s", key, tmpl.category, category.Current().Version)
		}
	}
}
