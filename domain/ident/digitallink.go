package ident

import "strings"

// DefaultStem is the GS1 resolver used when a Digital Link is generated
// without a stem of its own.
const DefaultStem = "https://id.gs1.org"

// DigitalLink is a parsed GS1 Digital Link URI, the content of the QR code on
// a pack. The split mirrors the URI: Stem is everything before the primary
// key ("https://brand.example.com/some/prefix", scheme lower-cased, no
// trailing slash); Primary is the primary key AI followed by its key
// qualifiers, in path order (e.g. (01), (10), (21)); Attributes are the AIs
// from the query string, in query order. Non-AI query parameters and the
// fragment are not kept: they carry nothing the ledger records.
//
// Values are decoded (no percent-escapes) and normalised ((01) is always 14
// digits). A DigitalLink returned by ParseDigitalLink is valid; one built by
// hand is not checked until it is formatted.
type DigitalLink struct {
	Stem       string
	Primary    []AIValue
	Attributes []AIValue
}

// AIs returns the primary key, its qualifiers and then the attributes: the
// order of the element string.
func (d DigitalLink) AIs() []AIValue {
	out := make([]AIValue, 0, len(d.Primary)+len(d.Attributes))
	return append(append(out, d.Primary...), d.Attributes...)
}

// Value returns the value of ai and whether it is present, looking in the
// path and then the query.
func (d DigitalLink) Value(ai string) (string, bool) {
	for _, v := range d.AIs() {
		if v.AI == ai {
			return v.Value, true
		}
	}
	return "", false
}

// ElementString returns the AIs in the unbracketed form used by barcode
// encoders and the GS1 test vectors: "^" (FNC1) first and after each
// variable-length AI that is followed by another, e.g.
// "^011231231231233322TEST^10ABC^21XYZ".
func (d DigitalLink) ElementString() string {
	ais := d.AIs()
	defs := make([]*aiDef, len(ais))
	for i, v := range ais {
		if defs[i] = lookupAI(v.AI, true); defs[i] == nil {
			defs[i] = &aiDef{ai: v.AI}
		}
	}
	return elementString(ais, defs)
}

// BracketedElementString returns the human-readable form, e.g.
// "(01)12312312312333(22)TEST(10)ABC(21)XYZ".
func (d DigitalLink) BracketedElementString() string {
	return bracketedElementString(d.AIs())
}

// String re-serialises the link as it was parsed: the same stem, path AIs
// in the same order and attributes in the same order, with values
// percent-encoded canonically. Use FormatDigitalLink to build a URI from
// AIs by GS1's placement rules instead.
func (d DigitalLink) String() string {
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(d.Stem, "/"))
	for _, v := range d.Primary {
		b.WriteString("/" + v.AI + "/" + escapeDL(v.Value))
	}
	for i, v := range d.Attributes {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(v.AI + "=" + escapeDL(v.Value))
	}
	return b.String()
}
