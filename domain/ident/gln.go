package ident

// GLN is a Global Location Number: a warehouse, shop or port of entry that
// goods pass through. Thirteen digits with a GS1 mod-10 check digit.
type GLN struct{ digits string }

// ParseGLN validates a 13-digit GLN.
func ParseGLN(s string) (GLN, error) {
	if err := checkMod10("gln", s, 13); err != nil {
		return GLN{}, err
	}
	return GLN{digits: s}, nil
}

// String returns the 13 digits.
func (g GLN) String() string { return g.digits }

// IsZero reports whether g is absent.
func (g GLN) IsZero() bool { return g.digits == "" }

// MarshalText implements encoding.TextMarshaler.
func (g GLN) MarshalText() ([]byte, error) { return []byte(g.digits), nil }

// UnmarshalText implements encoding.TextUnmarshaler, validating; empty text
// gives the zero GLN.
func (g *GLN) UnmarshalText(b []byte) error { return unmarshalText(g, b, ParseGLN) }

// MarshalJSON encodes the GLN as a JSON string.
func (g GLN) MarshalJSON() ([]byte, error) { return marshalJSONString(g.digits) }

// UnmarshalJSON decodes and validates a JSON string.
func (g *GLN) UnmarshalJSON(b []byte) error { return unmarshalJSON("gln", b, g.UnmarshalText) }
