package ident

// HSCode is a Harmonized System commodity code as declared to customs: the
// six internationally agreed digits, optionally extended by national
// subheadings (China declares 10).
type HSCode struct{ code[hsCodeRule] }

type hsCodeRule struct{}

func (hsCodeRule) kind() string { return "hs code" }

func (hsCodeRule) check(s string) error { return checkDigitCount("hs code", s, 6, 10) }

// ParseHSCode accepts 6 to 10 digits. Separators such as dots are refused
// rather than stripped, so that a code is stored exactly once.
func ParseHSCode(s string) (HSCode, error) { return parseAs[HSCode](s) }
