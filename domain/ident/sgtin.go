package ident

// SGTIN is a serialised GTIN in EPC form (EPC Tag Data Standard 2.x): the
// identity EPCIS events and RFID tags carry for one physical pack, and the
// ledger's item identity in EPC spelling. It keeps the GS1 Company Prefix
// split that the URI needs.
type SGTIN struct {
	companyPrefix string // 6-12 digits
	itemRef       string // indicator digit + item reference
	serial        Serial
}

// ParseSGTIN parses "urn:epc:id:sgtin:<CompanyPrefix>.<IndicatorItemRef>.<serial>": a company
// prefix of 6-12 digits, indicator and item reference making 13 digits with
// it, and a serial of GS1 character set 82 with TDS %-escapes.
func ParseSGTIN(urn string) (SGTIN, error) {
	cp, itemRef, tail, err := epcGTINParts("sgtin", "urn:epc:id:sgtin:", urn)
	if err != nil {
		return SGTIN{}, err
	}
	v, err := ParseSerial(tail)
	if err != nil {
		return SGTIN{}, invalid("sgtin", urn, err.Error())
	}
	return SGTIN{companyPrefix: cp, itemRef: itemRef, serial: v}, nil
}

// NewSGTIN builds the EPC form of a GTIN and serial; companyPrefixLength (6-12)
// says where the GS1 Company Prefix ends, which the GTIN alone cannot tell.
func NewSGTIN(g GTIN, serial Serial, companyPrefixLength int) (SGTIN, error) {
	cp, itemRef, err := splitGTIN("sgtin", g, companyPrefixLength)
	if err != nil {
		return SGTIN{}, err
	}
	if serial.IsZero() {
		return SGTIN{}, invalidf("sgtin: serial is missing")
	}
	return SGTIN{companyPrefix: cp, itemRef: itemRef, serial: serial}, nil
}

// SGTINFromDigitalLink converts a Digital Link URI carrying (01) and (21)
// (parsed with DefaultParseOptions; other AIs are ignored) to EPC form.
func SGTINFromDigitalLink(uri string, companyPrefixLength int) (SGTIN, error) {
	dl, err := ParseDigitalLink(uri, DefaultParseOptions)
	if err != nil {
		return SGTIN{}, err
	}
	gs, _ := dl.Value("01")
	vs, ok := dl.Value("21")
	if gs == "" || !ok {
		return SGTIN{}, invalid("sgtin", uri, "digital link must carry (01) and (21)")
	}
	g, err := ParseGTIN(gs)
	if err != nil {
		return SGTIN{}, err
	}
	v, err := ParseSerial(vs)
	if err != nil {
		return SGTIN{}, err
	}
	return NewSGTIN(g, v, companyPrefixLength)
}

// GTIN returns the GTIN-14, with the check digit the EPC form leaves out.
func (e SGTIN) GTIN() GTIN {
	if e.IsZero() {
		return GTIN{}
	}
	return gtinFromParts(e.companyPrefix, e.itemRef)
}

// Serial returns the serial.
func (e SGTIN) Serial() Serial { return e.serial }

// CompanyPrefix returns the GS1 Company Prefix digits.
func (e SGTIN) CompanyPrefix() string { return e.companyPrefix }

// IsZero reports whether e is absent.
func (e SGTIN) IsZero() bool { return e.companyPrefix == "" }

// String returns the canonical EPC URI, escaping exactly the characters TDS
// requires.
func (e SGTIN) String() string {
	if e.IsZero() {
		return ""
	}
	return "urn:epc:id:sgtin:" + e.companyPrefix + "." + e.itemRef + "." + escapeEPC(e.serial.String())
}

// DigitalLink returns "{stem}/01/{gtin14}/21/{serial}", stem defaulting to
// DefaultStem.
func (e SGTIN) DigitalLink(stem string) string {
	return stemOrDefault(stem) + "/01/" + e.GTIN().String() + "/21/" + escapeDL(e.serial.String())
}

// MarshalText implements encoding.TextMarshaler (the EPC URI).
func (e SGTIN) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler, validating; empty text
// gives the zero SGTIN.
func (e *SGTIN) UnmarshalText(b []byte) error { return unmarshalText(e, b, ParseSGTIN) }

// MarshalJSON encodes the EPC URI as a JSON string.
func (e SGTIN) MarshalJSON() ([]byte, error) { return marshalJSONString(e.String()) }

// UnmarshalJSON decodes and validates a JSON string.
func (e *SGTIN) UnmarshalJSON(b []byte) error { return unmarshalJSON("sgtin", b, e.UnmarshalText) }
