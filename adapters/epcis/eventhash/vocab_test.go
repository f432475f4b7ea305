package eventhash

import (
	"strings"
	"testing"
)

// A bare term expands only when it is one of the vocabulary's terms,
// whole: not a part of one, not two of them, not a URI that ends in one.
func TestOnlyAWholeTermOfTheVocabularyExpands(t *testing.T) {
	for _, voc := range []vocabulary{bizStepTerms, dispositionTerms, bizTransactionTypeTerms, sourceDestTypeTerms, componentTerms} {
		for term := range strings.FieldsSeq(voc.terms) {
			if got := voc.expand(term); got != voc.prefix+term {
				t.Errorf("%q expanded to %q, want %q", term, got, voc.prefix+term)
			}
		}
	}
	for _, v := range []string{"", "ship", "hipping", "shipping_x", "xshipping", "shipping receiving", "accepting arriving",
		"https://ref.gs1.org/cbv/BizStep-shipping", "void_ship", " shipping", "shipping "} {
		if got := bizStepTerms.expand(v); got != v {
			t.Errorf("%q expanded to %q, want it unchanged", v, got)
		}
	}
	if got := componentTerms.expand("z"); got != componentTerms.prefix+"z" {
		t.Errorf("the last term z expanded to %q", got)
	}
	if got := componentTerms.expand("x"); got != componentTerms.prefix+"x" {
		t.Errorf("the first term x expanded to %q", got)
	}
}
