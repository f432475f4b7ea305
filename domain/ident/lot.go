package ident

// Lot is a batch or lot number (批次), GS1 AI (10): the unit that production,
// inspection and recall act on. One to 20 characters of GS1 character set
// 82, case-sensitive.
type Lot struct{ s string }

// ParseLot validates a GS1 AI (10) value.
func ParseLot(s string) (Lot, error) {
	if err := checkCSet82("lot", s, 20); err != nil {
		return Lot{}, err
	}
	return Lot{s: s}, nil
}

// String returns the value as printed on the pack.
func (v Lot) String() string { return v.s }

// IsZero reports whether v is absent.
func (v Lot) IsZero() bool { return v.s == "" }

// MarshalText implements encoding.TextMarshaler.
func (v Lot) MarshalText() ([]byte, error) { return []byte(v.s), nil }

// UnmarshalText implements encoding.TextUnmarshaler, validating; empty text
// gives the zero Lot.
func (v *Lot) UnmarshalText(b []byte) error { return unmarshalText(v, b, ParseLot) }

// MarshalJSON encodes the value as a JSON string.
func (v Lot) MarshalJSON() ([]byte, error) { return marshalJSONString(v.s) }

// UnmarshalJSON decodes and validates a JSON string.
func (v *Lot) UnmarshalJSON(b []byte) error { return unmarshalJSON("lot", b, v.UnmarshalText) }
