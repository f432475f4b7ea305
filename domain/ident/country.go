package ident

import (
	"strconv"
	"sync"
)

// Country is an ISO 3166-1 alpha-2 country code: the origin of a product or
// the export country of a shipment, which certificates and customs lines
// record and regulators filter by.
type Country struct{ code string }

// ParseCountry accepts an officially assigned ISO 3166-1 alpha-2 code,
// upper-casing it first. User-assigned and reserved codes (XK, EU, UK, ...)
// are refused: they are not countries customs or GS1 recognise.
func ParseCountry(s string) (Country, error) {
	u := asciiUpper(s)
	if len(u) != 2 {
		return Country{}, invalidFor("country", s, "country_code", "must be a 2-letter ISO 3166-1 code, got "+strconv.Itoa(len(s))+" characters")
	}
	if _, ok := countries[u]; !ok {
		return Country{}, invalidFor("country", s, "country_code", "is not an officially assigned ISO 3166-1 alpha-2 code")
	}
	return Country{code: u}, nil
}

// String returns the two upper-case letters.
func (c Country) String() string { return c.code }

// IsZero reports whether c is absent.
func (c Country) IsZero() bool { return c.code == "" }

// IsChina reports whether c is CN: imported goods are those whose origin is
// not China, and several rules (barcode notification, customs release)
// apply only to them.
func (c Country) IsChina() bool { return c.code == "CN" }

// Numeric returns the ISO 3166-1 numeric code (e.g. "156" for CN), the form
// GS1 AIs (422)-(426) carry.
func (c Country) Numeric() string { return countries[c.code] }

// MarshalText implements encoding.TextMarshaler.
func (c Country) MarshalText() ([]byte, error) { return []byte(c.code), nil }

// UnmarshalText implements encoding.TextUnmarshaler, validating; empty text
// gives the zero Country.
func (c *Country) UnmarshalText(b []byte) error { return unmarshalText(c, b, ParseCountry) }

// MarshalJSON encodes the code as a JSON string.
func (c Country) MarshalJSON() ([]byte, error) { return marshalJSONString(c.code) }

// UnmarshalJSON decodes and validates a JSON string.
func (c *Country) UnmarshalJSON(b []byte) error { return unmarshalJSON("country", b, c.UnmarshalText) }

var (
	numericOnce      sync.Once
	numericCountries map[string]bool
)

// countryNumeric reports whether n is the ISO 3166-1 numeric code of an
// assigned country, for the GS1 AIs that carry one.
func countryNumeric(n string) bool {
	numericOnce.Do(func() {
		numericCountries = make(map[string]bool, len(countries))
		for _, v := range countries {
			numericCountries[v] = true
		}
	})
	return numericCountries[n]
}
