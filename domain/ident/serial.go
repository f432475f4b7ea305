package ident

// Serial is an item's serial number (序列号), GS1 AI (21): with a GTIN it
// names one physical pack. One to 20 characters of GS1 character set 82,
// case-sensitive.
type Serial struct{ s string }

// ParseSerial validates a GS1 AI (21) value.
func ParseSerial(s string) (Serial, error) {
	if err := checkCSet82("serial", s, 20); err != nil {
		return Serial{}, err
	}
	return Serial{s: s}, nil
}

// String returns the value as printed on the pack.
func (v Serial) String() string { return v.s }

// IsZero reports whether v is absent.
func (v Serial) IsZero() bool { return v.s == "" }

// MarshalText implements encoding.TextMarshaler.
func (v Serial) MarshalText() ([]byte, error) { return []byte(v.s), nil }

// UnmarshalText implements encoding.TextUnmarshaler, validating; empty text
// gives the zero Serial.
func (v *Serial) UnmarshalText(b []byte) error { return unmarshalText(v, b, ParseSerial) }

// MarshalJSON encodes the value as a JSON string.
func (v Serial) MarshalJSON() ([]byte, error) { return marshalJSONString(v.s) }

// UnmarshalJSON decodes and validates a JSON string.
func (v *Serial) UnmarshalJSON(b []byte) error { return unmarshalJSON("serial", b, v.UnmarshalText) }
