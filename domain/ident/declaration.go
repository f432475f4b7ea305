package ident

import "strconv"

// DeclarationNo is a China customs declaration number (报关单号): 18 digits
// (customs office, year, import/export flag, sequence). Clearance events
// and the traceability card carry it, and regulators search by it.
type DeclarationNo struct{ s string }

// ParseDeclarationNo accepts exactly 18 digits.
func ParseDeclarationNo(s string) (DeclarationNo, error) {
	if err := checkDigitsOnly("declaration no", s); err != nil {
		return DeclarationNo{}, err
	}
	if len(s) != 18 {
		return DeclarationNo{}, invalid("declaration no", s, "must be 18 digits, got "+strconv.Itoa(len(s)))
	}
	return DeclarationNo{s: s}, nil
}

// String returns the digits.
func (v DeclarationNo) String() string { return v.s }

// IsZero reports whether v is absent.
func (v DeclarationNo) IsZero() bool { return v.s == "" }

// MarshalText implements encoding.TextMarshaler.
func (v DeclarationNo) MarshalText() ([]byte, error) { return []byte(v.s), nil }

// UnmarshalText implements encoding.TextUnmarshaler, validating; empty text
// gives the zero DeclarationNo.
func (v *DeclarationNo) UnmarshalText(b []byte) error { return unmarshalText(v, b, ParseDeclarationNo) }

// MarshalJSON encodes the value as a JSON string.
func (v DeclarationNo) MarshalJSON() ([]byte, error) { return marshalJSONString(v.s) }

// UnmarshalJSON decodes and validates a JSON string.
func (v *DeclarationNo) UnmarshalJSON(b []byte) error {
	return unmarshalJSON("declaration no", b, v.UnmarshalText)
}
