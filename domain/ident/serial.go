package ident

// Serial is an item's serial number (序列号), GS1 AI (21): with a GTIN it
// names one physical pack. One to 20 characters of GS1 character set 82,
// case-sensitive.
type Serial struct{ code[serialRule] }

type serialRule struct{}

func (serialRule) kind() string { return "serial" }

func (serialRule) check(s string) error { return checkCSet82("serial", s, 20) }

// ParseSerial validates a GS1 AI (21) value.
func ParseSerial(s string) (Serial, error) { return parseAs[Serial](s) }
