package ident

import "strconv"

// HSCode is a Harmonized System commodity code as declared to customs: the
// six internationally agreed digits, optionally extended by national
// subheadings (China declares 10).
type HSCode struct{ code[hsCodeRule] }

type hsCodeRule struct{}

func (hsCodeRule) kind() string { return "hs code" }

func (hsCodeRule) check(s string) error {
	if err := checkDigitsOnly("hs code", s); err != nil {
		return err
	}
	if len(s) < 6 || len(s) > 10 {
		return invalid("hs code", s, "must be 6 to 10 digits, got "+strconv.Itoa(len(s)))
	}
	return nil
}

// ParseHSCode accepts 6 to 10 digits. Separators such as dots are refused
// rather than stripped, so that a code is stored exactly once.
func ParseHSCode(s string) (HSCode, error) {
	c, err := parseCode[hsCodeRule](s)
	return HSCode{c}, err
}
