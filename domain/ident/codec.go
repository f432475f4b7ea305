package ident

import "encoding/json"

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
