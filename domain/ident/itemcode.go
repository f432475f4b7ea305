package ident

import (
	"errors"
	"strings"
)

// ItemCode is the ledger's identity of one physical pack (追溯码 / 身份证):
// the GTIN, the batch it belongs to and its serial. Lot is zero when the
// code came from an SGTIN, which does not carry it; callers then look the
// serial up in the ledger to find the batch.
//
// The fields are exported so that callers can compose one from values they
// already hold; each field is itself a validated type. A usable ItemCode has
// a GTIN and a Serial, as every ItemCode from ParseItemCode does.
type ItemCode struct {
	GTIN   GTIN
	Lot    Lot
	Serial Serial
}

const sgtinPrefix = "urn:epc:id:sgtin:"

// ParseItemCode accepts the three spellings of an item identity:
//
//   - a GS1 Digital Link URI, "https://{resolver}/01/{gtin}/10/{lot}/21/{serial}",
//     the QR code on the pack;
//   - just its path, "/01/{gtin}/10/{lot}/21/{serial}", as stored and as
//     typed into search boxes;
//   - an SGTIN EPC URI, "urn:epc:id:sgtin:...", from EPCIS and RFID.
//
// Digital Links are parsed with DefaultParseOptions. (01) and (21) are
// required and (10) optional; (22) and query attributes (an expiry date,
// say) describe the item but do not identify it and are ignored.
func ParseItemCode(s string) (ItemCode, error) {
	if len(s) >= len(sgtinPrefix) && strings.EqualFold(s[:len(sgtinPrefix)], sgtinPrefix) {
		e, err := ParseSGTIN(s)
		if err != nil {
			return ItemCode{}, err
		}
		return ItemCode{GTIN: e.GTIN(), Serial: e.Serial()}, nil
	}
	uri := s
	if strings.HasPrefix(s, "/") {
		uri = DefaultStem + s
	}
	dl, err := ParseDigitalLink(uri, DefaultParseOptions)
	if err != nil {
		if strings.HasPrefix(s, "/") {
			return ItemCode{}, notDigitalLink(s, err)
		}
		return ItemCode{}, err
	}
	var c ItemCode
	gs, _ := dl.Value("01")
	ser, hasSerial := dl.Value("21")
	if gs == "" || !hasSerial {
		return ItemCode{}, invalidFor("item code", s, "item_code_needs_gtin_serial", "must carry a GTIN (01) and a serial (21)")
	}
	// The values passed the (01), (10) and (21) formats, which are exactly
	// the GTIN, Lot and Serial rules, except that (01) may be all zeros.
	if c.GTIN, err = ParseGTIN(gs); err != nil {
		return ItemCode{}, err
	}
	if lot, ok := dl.Value("10"); ok {
		c.Lot = Lot{code[lotRule]{s: lot}}
	}
	c.Serial = Serial{code[serialRule]{s: ser}}
	return c, nil
}

// Path returns "/01/{gtin14}/10/{lot}/21/{serial}" (without /10/ when the
// lot is unknown), values percent-encoded: the canonical, resolver-free
// spelling the ledger stores and indexes.
func (c ItemCode) Path() string {
	var b strings.Builder
	b.WriteString("/01/" + c.GTIN.String())
	if !c.Lot.IsZero() {
		b.WriteString("/10/" + escapeDL(c.Lot.String()))
	}
	b.WriteString("/21/" + escapeDL(c.Serial.String()))
	return b.String()
}

// DigitalLink returns the URI to print in the pack's QR code: base (the
// resolver, e.g. "https://trace.example.cn"; DefaultStem when empty, a
// trailing slash dropped) followed by Path.
func (c ItemCode) DigitalLink(base string) string { return stemOrDefault(base) + c.Path() }

// SGTIN returns the EPC form, for EPCIS exchange. The lot is dropped: an
// SGTIN does not carry it.
func (c ItemCode) SGTIN(companyPrefixLength int) (SGTIN, error) {
	return NewSGTIN(c.GTIN, c.Serial, companyPrefixLength)
}

// String returns Path, or "" for the zero ItemCode.
func (c ItemCode) String() string {
	if c.IsZero() {
		return ""
	}
	return c.Path()
}

// IsZero reports whether c is absent.
func (c ItemCode) IsZero() bool { return c == ItemCode{} }

// MarshalText implements encoding.TextMarshaler (the path form).
func (c ItemCode) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler, accepting any form
// ParseItemCode does; empty text gives the zero ItemCode.
func (c *ItemCode) UnmarshalText(b []byte) error { return unmarshalText(c, b, ParseItemCode) }

// MarshalJSON encodes the path form as a JSON string.
func (c ItemCode) MarshalJSON() ([]byte, error) { return marshalJSONString(c.String()) }

// UnmarshalJSON decodes and validates a JSON string.
func (c *ItemCode) UnmarshalJSON(b []byte) error {
	return unmarshalJSON("item code", b, c.UnmarshalText)
}

// notDigitalLink reports an item code that does not parse as a Digital Link
// path, keeping the reason of what is wrong in it (a check digit, say) when
// the parser found one.
func notDigitalLink(s string, err error) error {
	e := &invalidError{msg: "item code " + quote(s) + ": not a Digital Link path: " + err.Error(),
		reason: "not_digital_link_path", params: []string{elide(s)}}
	var inner *invalidError
	if errors.As(err, &inner) && inner.reason != "invalid_identifier" {
		e.reason, e.params = inner.reason, inner.params
	}
	return e
}
