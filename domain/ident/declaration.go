package ident

// DeclarationNo is a China customs declaration number (报关单号): 18 digits
// (customs office, year, import/export flag, sequence). Clearance events
// and the traceability card carry it, and regulators search by it.
type DeclarationNo struct{ code[declarationNoRule] }

type declarationNoRule struct{}

func (declarationNoRule) kind() string { return "declaration no" }

func (declarationNoRule) check(s string) error { return checkDigitCount("declaration no", s, 18, 18) }

// ParseDeclarationNo accepts exactly 18 digits.
func ParseDeclarationNo(s string) (DeclarationNo, error) { return parseAs[DeclarationNo](s) }
