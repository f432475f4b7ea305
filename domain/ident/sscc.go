package ident

// SSCC is a Serial Shipping Container Code: the case or pallet that items are
// aggregated into, so that one scan at a dock accounts for all of them.
// Eighteen digits with a GS1 mod-10 check digit.
type SSCC struct{ code[ssccRule] }

type ssccRule struct{}

func (ssccRule) kind() string { return "sscc" }

func (ssccRule) check(s string) error { return checkMod10("sscc", s, 18) }

// ParseSSCC validates an 18-digit SSCC.
func ParseSSCC(s string) (SSCC, error) { return parseAs[SSCC](s) }
