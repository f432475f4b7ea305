package ident

import "strconv"

// HSCode is a Harmonized System commodity code as declared to customs: the
// six internationally agreed digits, optionally extended by national
// subheadings (China declares 10).
type HSCode struct{ s string }

// ParseHSCode accepts 6 to 10 digits. Separators such as dots are refused
// rather than stripped, so that a code is stored exactly once.
func ParseHSCode(s string) (HSCode, error) {
	if err := checkDigitsOnly("hs code", s); err != nil {
		return HSCode{}, err
	}
	if len(s) < 6 || len(s) > 10 {
		return HSCode{}, invalid("hs code", s, "must be 6 to 10 digits, got "+strconv.Itoa(len(s)))
	}
	return HSCode{s: s}, nil
}

// String returns the digits.
func (v HSCode) String() string { return v.s }

// IsZero reports whether v is absent.
func (v HSCode) IsZero() bool { return v.s == "" }

// MarshalText implements encoding.TextMarshaler.
func (v HSCode) MarshalText() ([]byte, error) { return []byte(v.s), nil }

// UnmarshalText implements encoding.TextUnmarshaler, validating; empty text
// gives the zero HSCode.
func (v *HSCode) UnmarshalText(b []byte) error { return unmarshalText(v, b, ParseHSCode) }

// MarshalJSON encodes the value as a JSON string.
func (v HSCode) MarshalJSON() ([]byte, error) { return marshalJSONString(v.s) }

// UnmarshalJSON decodes and validates a JSON string.
func (v *HSCode) UnmarshalJSON(b []byte) error { return unmarshalJSON("hs code", b, v.UnmarshalText) }
