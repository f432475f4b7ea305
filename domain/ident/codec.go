package ident

import (
	"encoding/json"
	"strconv"
)

// marshalJSONString encodes an identifier as a JSON string; the zero value
// becomes "" (see the package doc).
func marshalJSONString(s string) ([]byte, error) { return json.Marshal(s) }

// unmarshalJSONString decodes a JSON string or null for UnmarshalJSON
// implementations. It refuses numbers and other JSON types: identifiers such
// as GTINs have significant leading zeros that a JSON number would lose.
func unmarshalJSONString(kind string, data []byte) (string, error) {
	if string(data) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return "", invalid(kind, string(data), "must be a JSON string")
	}
	return s, nil
}

// isDigits reports whether s is non-empty and all ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// firstNonDigit returns the index of the first byte of s that is not an
// ASCII digit, or -1.
func firstNonDigit(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return i
		}
	}
	return -1
}

// asciiUpper upper-cases ASCII letters only. strings.ToUpper would also map
// letters such as U+017F (long s) to ASCII, letting exotic input pass as a
// different code.
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// unmarshalText is the UnmarshalText of every identifier: empty text gives
// the zero value, anything else must pass parse.
func unmarshalText[T any](dst *T, b []byte, parse func(string) (T, error)) error {
	if len(b) == 0 {
		var zero T
		*dst = zero
		return nil
	}
	v, err := parse(string(b))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// unmarshalJSON is the UnmarshalJSON of every identifier: a JSON string (or
// null) decoded by unmarshalJSONString, then validated as text.
func unmarshalJSON(kind string, b []byte, unmarshalText func([]byte) error) error {
	s, err := unmarshalJSONString(kind, b)
	if err != nil {
		return err
	}
	return unmarshalText([]byte(s))
}

// checkDigitsOnly refuses s unless every byte is an ASCII digit, naming the
// first one that is not and its position.
func checkDigitsOnly(kind, s string) error {
	if i := firstNonDigit(s); i >= 0 {
		return invalidFor(kind, s, "id_digits_only", "must be digits only, found "+strconv.Quote(s[i:i+1])+" at position "+strconv.Itoa(i+1), s[i:i+1], strconv.Itoa(i+1))
	}
	return nil
}

// checkDigitCount refuses s unless it is least to most ASCII digits.
func checkDigitCount(kind, s string, least, most int) error {
	if err := checkDigitsOnly(kind, s); err != nil {
		return err
	}
	if len(s) < least || len(s) > most {
		want := strconv.Itoa(least)
		if most != least {
			want += " to " + strconv.Itoa(most)
		}
		return invalidFor(kind, s, "id_length", "must be "+want+" digits, got "+strconv.Itoa(len(s)), want, strconv.Itoa(len(s)))
	}
	return nil
}
