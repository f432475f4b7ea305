package ident

// code is the value of an identifier that is a string kept exactly as
// given once its rule accepts it. The identifier types (GLN, SSCC, Lot,
// Serial, HSCode, DeclarationNo) embed it for their String, IsZero and text
// and JSON encodings; R is the type's rule.
type code[R rule] struct{ s string }

// rule is what sets one identifier type apart: its name in errors and the
// check a value must pass.
type rule interface {
	kind() string
	check(s string) error
}

// parseCode accepts s if R's check does; a refused s gives the zero code.
func parseCode[R rule](s string) (code[R], error) {
	var r R
	if err := r.check(s); err != nil {
		return code[R]{}, err
	}
	return code[R]{s: s}, nil
}

// parseAs is the Parse function of an identifier type T that embeds
// code[R]: a refused s gives the zero T.
func parseAs[T ~struct{ code[R] }, R rule](s string) (T, error) {
	c, err := parseCode[R](s)
	return T{c}, err
}

// String returns the value as given.
func (c code[R]) String() string { return c.s }

// IsZero reports whether the value is absent.
func (c code[R]) IsZero() bool { return c.s == "" }

// MarshalText implements encoding.TextMarshaler.
func (c code[R]) MarshalText() ([]byte, error) { return []byte(c.s), nil }

// UnmarshalText implements encoding.TextUnmarshaler, validating; empty text
// gives the zero value.
func (c *code[R]) UnmarshalText(b []byte) error { return unmarshalText(c, b, parseCode[R]) }

// MarshalJSON encodes the value as a JSON string.
func (c code[R]) MarshalJSON() ([]byte, error) { return marshalJSONString(c.s) }

// UnmarshalJSON decodes and validates a JSON string.
func (c *code[R]) UnmarshalJSON(b []byte) error {
	var r R
	return unmarshalJSON(r.kind(), b, c.UnmarshalText)
}
