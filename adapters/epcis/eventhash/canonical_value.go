package eventhash

import (
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
)

// cbvURNs maps the CBV 1.x URN prefixes of standard vocabularies to their
// CBV 2.0 web vocabulary form, which is the one the hash uses. Business
// transaction identifiers (urn:epcglobal:cbv:bt:) are identifiers, not
// vocabulary, and stay as they are.
var cbvURNs = strings.NewReplacer(
	"urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-",
	"urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-",
	"urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-",
	"urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-",
	"urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-",
)

// canonicalValue puts a field's trimmed text into the form the hash uses:
// CBV URNs as web vocabulary, numbers in their shortest form, and GS1
// identifiers (EPC URIs, EPC class and pattern URIs, Digital Links) as
// constrained canonical Digital Links. Anything else is left as it is.
func canonicalValue(text string) string {
	if strings.Contains(text, "urn:epcglobal:cbv:") {
		text = cbvURNs.Replace(text)
	}
	text = canonicalNumber(text)
	if dl, ok := canonicalIdentifier(text); ok {
		return dl
	}
	return text
}

// decimalLiteral is the syntax Python's float() accepts for finite numbers
// (digits may be grouped with single underscores), which is what the
// reference implementation tests a value against to decide it is a number.
var decimalLiteral = regexp.MustCompile(`^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$`)

// canonicalNumber rewrites a numeric value as the reference implementation
// does (Python's float, then int when whole): "+0012.50" becomes "12.5",
// "1.0E3" becomes "1000", "0.00001" becomes "1e-05". Integers past 2^53
// lose precision exactly as there. Non-numbers, infinities and NaN are
// returned unchanged.
func canonicalNumber(text string) string {
	s := strings.TrimSpace(text)
	if plainInteger(s) {
		return s
	}
	// A number starts with a sign, a digit or a point: most values do not,
	// and skip the expression.
	if s == "" || !strings.ContainsRune("+-.0123456789", rune(s[0])) || !decimalLiteral.MatchString(s) {
		return text
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return text
	}
	if f == math.Trunc(f) {
		i, _ := big.NewFloat(f).Int(nil)
		return i.String()
	}
	if math.Abs(f) < 1e-4 {
		return strconv.FormatFloat(f, 'e', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// plainInteger reports whether s is already an integer in its shortest
// form and exactly a float64 (a quantity, a count): digits without a
// leading zero, fewer than 16 of them.
func plainInteger(s string) bool {
	if s == "" || len(s) > 15 || s[0] == '0' && len(s) > 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
