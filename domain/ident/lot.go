package ident

// Lot is a batch or lot number (批次), GS1 AI (10): the unit that production,
// inspection and recall act on. One to 20 characters of GS1 character set
// 82, case-sensitive.
type Lot struct{ code[lotRule] }

type lotRule struct{}

func (lotRule) kind() string { return "lot" }

func (lotRule) check(s string) error { return checkCSet82("lot", s, 20) }

// ParseLot validates a GS1 AI (10) value.
func ParseLot(s string) (Lot, error) { return parseAs[Lot](s) }
