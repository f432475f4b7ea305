package ident

// SSCC is a Serial Shipping Container Code: the case or pallet that items are
// aggregated into, so that one scan at a dock accounts for all of them.
// Eighteen digits with a GS1 mod-10 check digit.
type SSCC struct{ digits string }

// ParseSSCC validates an 18-digit SSCC.
func ParseSSCC(s string) (SSCC, error) {
	if err := checkMod10("sscc", s, 18); err != nil {
		return SSCC{}, err
	}
	return SSCC{digits: s}, nil
}

// String returns the 18 digits.
func (c SSCC) String() string { return c.digits }

// IsZero reports whether c is absent.
func (c SSCC) IsZero() bool { return c.digits == "" }

// MarshalText implements encoding.TextMarshaler.
func (c SSCC) MarshalText() ([]byte, error) { return []byte(c.digits), nil }

// UnmarshalText implements encoding.TextUnmarshaler, validating; empty text
// gives the zero SSCC.
func (c *SSCC) UnmarshalText(b []byte) error { return unmarshalText(c, b, ParseSSCC) }

// MarshalJSON encodes the SSCC as a JSON string.
func (c SSCC) MarshalJSON() ([]byte, error) { return marshalJSONString(c.digits) }

// UnmarshalJSON decodes and validates a JSON string.
func (c *SSCC) UnmarshalJSON(b []byte) error { return unmarshalJSON("sscc", b, c.UnmarshalText) }
