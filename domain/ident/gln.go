package ident

// GLN is a Global Location Number: a warehouse, shop or port of entry that
// goods pass through. Thirteen digits with a GS1 mod-10 check digit.
type GLN struct{ code[glnRule] }

type glnRule struct{}

func (glnRule) kind() string { return "gln" }

func (glnRule) check(s string) error { return checkMod10("gln", s, 13) }

// ParseGLN validates a 13-digit GLN.
func ParseGLN(s string) (GLN, error) { return parseAs[GLN](s) }
