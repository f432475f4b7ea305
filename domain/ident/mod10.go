package ident

import "strconv"

// CheckDigit computes the GS1 mod-10 check digit for digits, the payload of a
// GTIN, GLN, SSCC or other numeric GS1 key without its final check digit. It
// is exported for demo-data generators and for callers that build keys from
// parts (an SGTIN's company prefix and item reference).
func CheckDigit(digits string) (byte, error) {
	if !isDigits(digits) {
		return 0, invalid("gs1 key", digits, "check digit needs a non-empty run of digits")
	}
	return checkDigit(digits), nil
}

// checkDigit is CheckDigit for input known to be digits. Weights alternate
// 3, 1, 3, ... from the rightmost payload digit.
func checkDigit(digits string) byte {
	sum := 0
	w := 3
	for i := len(digits) - 1; i >= 0; i-- {
		sum += int(digits[i]-'0') * w
		w = 4 - w
	}
	return byte('0' + (10-sum%10)%10)
}

// ValidMod10 reports whether s is at least two digits whose last digit is the
// GS1 mod-10 check digit of the rest. It is the quick test behind every
// numeric GS1 key.
func ValidMod10(s string) bool {
	return len(s) >= 2 && isDigits(s) && checkDigit(s[:len(s)-1]) == s[len(s)-1]
}

// checkMod10 validates a fixed-length numeric GS1 key and explains failures
// in the package's error style.
func checkMod10(kind, s string, lengths ...int) error {
	okLen := false
	for _, n := range lengths {
		okLen = okLen || len(s) == n
	}
	if err := checkDigitsOnly(kind, s); err != nil {
		return err
	}
	if !okLen {
		return invalidFor(kind, s, "id_length", "must be "+lengthList(lengths)+" digits, got "+strconv.Itoa(len(s)), lengthList(lengths), strconv.Itoa(len(s)))
	}
	want := checkDigit(s[:len(s)-1])
	if got := s[len(s)-1]; got != want {
		return invalidFor(kind, s, "id_check_digit", "check digit should be "+string(want)+", got "+string(got), string(want), string(got))
	}
	return nil
}

// lengthList renders 8, 12, 13 or 14.
func lengthList(ns []int) string {
	out := ""
	for i, n := range ns {
		switch {
		case i == 0:
		case i == len(ns)-1:
			out += " or "
		default:
			out += ", "
		}
		out += strconv.Itoa(n)
	}
	return out
}
