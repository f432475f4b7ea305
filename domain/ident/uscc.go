package ident

import (
	"strconv"
	"strings"
)

// usccAlphabet is the 31-character set of GB 32100-2015, in check-value
// order: digits and upper-case letters without I, O, Z, S and V, which are
// too easily misread as 1, 0, 2, 5 and U.
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are the GB 32100-2015 weights for positions 1 to 17
// (3^(i-1) mod 31).
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// usccAuthorities are the registration authority codes of GB 32100-2015
// position 1 (1 机构编制, 5 民政, 9 工商, Y 其他, ...).
const usccAuthorities = "123456789ANY"

// USCC is a unified social credit code (统一社会信用代码), the 18-character
// number that identifies every enterprise and organisation in China and is
// the ledger's participant code (主体码).
type USCC struct{ s string }

// ParseUSCC validates an 18-character USCC: the GB 32100-2015 alphabet, a
// known registration authority code, a category digit, a six-digit
// administrative division and the check character. Lower-case input is
// upper-cased first, because people type codes that way.
func ParseUSCC(s string) (USCC, error) {
	u := asciiUpper(s)
	if len(u) != 18 {
		return USCC{}, invalidFor("uscc", s, "id_length", "must be 18 characters, got "+strconv.Itoa(len(s)), "18", strconv.Itoa(len(s)))
	}
	if err := checkUSCCBody(s, u[:17]); err != nil {
		return USCC{}, err
	}
	if i := strings.IndexByte(usccAlphabet, u[17]); i < 0 {
		return USCC{}, invalidFor("uscc", s, "uscc_character", "character "+strconv.Quote(u[17:])+" at position 18 is not allowed (I, O, Z, S, V and symbols are excluded)", u[17:], "18")
	}
	if want := usccCheck(u[:17]); want != u[17] {
		return USCC{}, invalidFor("uscc", s, "id_check_digit", "check character should be "+string(want)+", got "+string(u[17]), string(want), string(u[17]))
	}
	return USCC{s: u}, nil
}

// NewUSCC completes the first 17 characters of a USCC with its check
// character. Demo-data generators use it to mint valid codes.
func NewUSCC(prefix17 string) (USCC, error) {
	u := asciiUpper(prefix17)
	if len(u) != 17 {
		return USCC{}, invalid("uscc prefix", prefix17, "must be 17 characters, got "+strconv.Itoa(len(prefix17)))
	}
	if err := checkUSCCBody(prefix17, u); err != nil {
		return USCC{}, err
	}
	return USCC{s: u + string(usccCheck(u))}, nil
}

// USCCCheckChar returns the GB 32100-2015 check character for the first 17
// characters of a USCC.
func USCCCheckChar(prefix17 string) (byte, error) {
	u, err := NewUSCC(prefix17)
	if err != nil {
		return 0, err
	}
	return u.s[17], nil
}

// checkUSCCBody validates positions 1-17 of the upper-cased u; orig is the
// caller's input, quoted in errors.
func checkUSCCBody(orig, u string) error {
	for i := 0; i < 17; i++ {
		if strings.IndexByte(usccAlphabet, u[i]) < 0 {
			return invalidFor("uscc", orig, "uscc_character", "character "+strconv.Quote(u[i:i+1])+" at position "+strconv.Itoa(i+1)+" is not allowed (I, O, Z, S, V and symbols are excluded)", u[i:i+1], strconv.Itoa(i+1))
		}
	}
	if strings.IndexByte(usccAuthorities, u[0]) < 0 {
		return invalid("uscc", orig, "registration authority code "+strconv.Quote(u[:1])+" is not assigned")
	}
	if u[1] < '1' || u[1] > '9' {
		return invalid("uscc", orig, "category code "+strconv.Quote(u[1:2])+" must be a digit 1-9")
	}
	if !isDigits(u[2:8]) {
		return invalid("uscc", orig, "administrative division code (positions 3-8) must be digits")
	}
	return nil
}

// usccCheck computes the check character of a valid 17-character body.
func usccCheck(body string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(usccAlphabet, body[i]) * usccWeights[i]
	}
	return usccAlphabet[(31-sum%31)%31]
}

// String returns the 18 upper-case characters.
func (u USCC) String() string { return u.s }

// IsZero reports whether u is absent.
func (u USCC) IsZero() bool { return u.s == "" }

// AdminDivision returns positions 3-8, the registering administrative
// division (行政区划码), which regional dashboards group by.
func (u USCC) AdminDivision() string {
	if u.s == "" {
		return ""
	}
	return u.s[2:8]
}

// MarshalText implements encoding.TextMarshaler.
func (u USCC) MarshalText() ([]byte, error) { return []byte(u.s), nil }

// UnmarshalText implements encoding.TextUnmarshaler, validating; empty text
// gives the zero USCC.
func (u *USCC) UnmarshalText(b []byte) error { return unmarshalText(u, b, ParseUSCC) }

// MarshalJSON encodes the USCC as a JSON string.
func (u USCC) MarshalJSON() ([]byte, error) { return marshalJSONString(u.s) }

// UnmarshalJSON decodes and validates a JSON string.
func (u *USCC) UnmarshalJSON(b []byte) error { return unmarshalJSON("uscc", b, u.UnmarshalText) }
