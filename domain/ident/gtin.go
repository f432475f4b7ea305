package ident

// GTIN is a Global Trade Item Number (商品条码), held normalised as the
// 14-digit GTIN-14 so that the same product scanned from an EAN-13, a UPC-A
// or an ITF-14 barcode is one key in the ledger.
type GTIN struct{ digits string }

// ParseGTIN accepts a GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) or GTIN-14
// with a valid GS1 mod-10 check digit and left-pads it with zeros to 14
// digits. All zeros is refused: it passes the check digit but names nothing.
func ParseGTIN(s string) (GTIN, error) {
	if err := checkMod10("gtin", s, 8, 12, 13, 14); err != nil {
		return GTIN{}, err
	}
	g := "00000000000000"[:14-len(s)] + s
	if g == "00000000000000" {
		return GTIN{}, invalid("gtin", s, "must not be all zeros")
	}
	return GTIN{digits: g}, nil
}

// String returns the 14-digit GTIN-14, the form used in Digital Link URIs,
// EPCIS and the ledger's storage.
func (g GTIN) String() string { return g.digits }

// IsZero reports whether g is absent.
func (g GTIN) IsZero() bool { return g.digits == "" }

// Short returns the shortest standard form, for display next to the barcode
// a person sees on the pack: GTIN-8 when the GTIN-14 starts with six zeros,
// GTIN-12 with two, GTIN-13 with one, else the GTIN-14 itself.
func (g GTIN) Short() string {
	d := g.digits
	switch {
	case d == "":
		return ""
	case d[:6] == "000000":
		return d[6:]
	case d[:2] == "00":
		return d[2:]
	case d[0] == '0':
		return d[1:]
	}
	return d
}

// MarshalText implements encoding.TextMarshaler.
func (g GTIN) MarshalText() ([]byte, error) { return []byte(g.digits), nil }

// UnmarshalText implements encoding.TextUnmarshaler, validating; empty text
// gives the zero GTIN.
func (g *GTIN) UnmarshalText(b []byte) error { return unmarshalText(g, b, ParseGTIN) }

// MarshalJSON encodes the GTIN-14 as a JSON string.
func (g GTIN) MarshalJSON() ([]byte, error) { return marshalJSONString(g.digits) }

// UnmarshalJSON decodes and validates a JSON string.
func (g *GTIN) UnmarshalJSON(b []byte) error { return unmarshalJSON("gtin", b, g.UnmarshalText) }
