package ident

// LGTIN is a GTIN plus batch/lot in EPC class form (EPC Tag Data Standard
// 2.x): how EPCIS names a quantity of a batch rather than a single item.
// It keeps the GS1 Company Prefix split that the URI needs.
type LGTIN struct {
	companyPrefix string // 6-12 digits
	itemRef       string // indicator digit + item reference
	lot           Lot
}

// ParseLGTIN parses "urn:epc:class:lgtin:<CompanyPrefix>.<IndicatorItemRef>.<lot>": a company
// prefix of 6-12 digits, indicator and item reference making 13 digits with
// it, and a lot of GS1 character set 82 with TDS %-escapes.
func ParseLGTIN(urn string) (LGTIN, error) {
	cp, itemRef, tail, err := epcGTINParts("lgtin", "urn:epc:class:lgtin:", urn)
	if err != nil {
		return LGTIN{}, err
	}
	v, err := ParseLot(tail)
	if err != nil {
		return LGTIN{}, invalid("lgtin", urn, err.Error())
	}
	return LGTIN{companyPrefix: cp, itemRef: itemRef, lot: v}, nil
}

// NewLGTIN builds the EPC form of a GTIN and lot; companyPrefixLength (6-12)
// says where the GS1 Company Prefix ends, which the GTIN alone cannot tell.
func NewLGTIN(g GTIN, lot Lot, companyPrefixLength int) (LGTIN, error) {
	cp, itemRef, err := splitGTIN("lgtin", g, companyPrefixLength)
	if err != nil {
		return LGTIN{}, err
	}
	if lot.IsZero() {
		return LGTIN{}, invalidf("lgtin: lot is missing")
	}
	return LGTIN{companyPrefix: cp, itemRef: itemRef, lot: lot}, nil
}

// LGTINFromDigitalLink converts a Digital Link URI carrying (01) and (10)
// (parsed with DefaultParseOptions; other AIs are ignored) to EPC form.
func LGTINFromDigitalLink(uri string, companyPrefixLength int) (LGTIN, error) {
	dl, err := ParseDigitalLink(uri, DefaultParseOptions)
	if err != nil {
		return LGTIN{}, err
	}
	gs, _ := dl.Value("01")
	vs, ok := dl.Value("10")
	if gs == "" || !ok {
		return LGTIN{}, invalid("lgtin", uri, "digital link must carry (01) and (10)")
	}
	g, err := ParseGTIN(gs)
	if err != nil {
		return LGTIN{}, err
	}
	v, err := ParseLot(vs)
	if err != nil {
		return LGTIN{}, err
	}
	return NewLGTIN(g, v, companyPrefixLength)
}

// GTIN returns the GTIN-14, with the check digit the EPC form leaves out.
func (e LGTIN) GTIN() GTIN {
	if e.IsZero() {
		return GTIN{}
	}
	return gtinFromParts(e.companyPrefix, e.itemRef)
}

// Lot returns the lot.
func (e LGTIN) Lot() Lot { return e.lot }

// CompanyPrefix returns the GS1 Company Prefix digits.
func (e LGTIN) CompanyPrefix() string { return e.companyPrefix }

// IsZero reports whether e is absent.
func (e LGTIN) IsZero() bool { return e.companyPrefix == "" }

// String returns the canonical EPC URI, escaping exactly the characters TDS
// requires.
func (e LGTIN) String() string {
	if e.IsZero() {
		return ""
	}
	return "urn:epc:class:lgtin:" + e.companyPrefix + "." + e.itemRef + "." + escapeEPC(e.lot.String())
}

// DigitalLink returns "{stem}/01/{gtin14}/10/{lot}", stem defaulting to
// DefaultStem.
func (e LGTIN) DigitalLink(stem string) string {
	return stemOrDefault(stem) + "/01/" + e.GTIN().String() + "/10/" + escapeDL(e.lot.String())
}

// MarshalText implements encoding.TextMarshaler (the EPC URI).
func (e LGTIN) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler, validating; empty text
// gives the zero LGTIN.
func (e *LGTIN) UnmarshalText(b []byte) error { return unmarshalText(e, b, ParseLGTIN) }

// MarshalJSON encodes the EPC URI as a JSON string.
func (e LGTIN) MarshalJSON() ([]byte, error) { return marshalJSONString(e.String()) }

// UnmarshalJSON decodes and validates a JSON string.
func (e *LGTIN) UnmarshalJSON(b []byte) error { return unmarshalJSON("lgtin", b, e.UnmarshalText) }
