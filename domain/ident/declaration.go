package ident

import "strconv"

// DeclarationNo is a China customs declaration number (报关单号): 18 digits
// (customs office, year, import/export flag, sequence). Clearance events
// and the traceability card carry it, and regulators search by it.
type DeclarationNo struct{ code[declarationNoRule] }

type declarationNoRule struct{}

func (declarationNoRule) kind() string { return "declaration no" }

func (declarationNoRule) check(s string) error {
	if err := checkDigitsOnly("declaration no", s); err != nil {
		return err
	}
	if len(s) != 18 {
		return invalid("declaration no", s, "must be 18 digits, got "+strconv.Itoa(len(s)))
	}
	return nil
}

// ParseDeclarationNo accepts exactly 18 digits.
func ParseDeclarationNo(s string) (DeclarationNo, error) {
	c, err := parseCode[declarationNoRule](s)
	return DeclarationNo{c}, err
}
