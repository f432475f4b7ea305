package eventhash

import (
	"strings"

	"github.com/traceledger/traceledger/domain/ident"
)

// canonicalIdentifier converts a GS1 identifier URI (EPC URI, EPC class
// URI, EPC pattern URI or GS1 Digital Link) into the constrained canonical
// Digital Link the hash uses: stem https://id.gs1.org, numeric AIs, GTINs
// of 14 digits, the finest level of identification only (a serial drops
// the lot, a CPV is dropped) and no query string. It reports false for
// anything else, which the caller then hashes as written.
//
// The output follows the reference implementation byte for byte, which
// matters more here than any one reading of the Digital Link standard: EPC
// %-escapes are kept as they are and only ! ( ) * + , : are further
// percent-encoded, and a Digital Link whose values hold a %-escape is not
// recognised at all.
func canonicalIdentifier(uri string) (string, bool) {
	if !strings.Contains(uri, ".") {
		return "", false
	}
	if strings.HasPrefix(uri, "urn:epc:") {
		return epcToDigitalLink(uri)
	}
	return constrainDigitalLink(uri)
}

// gs1Stem is the canonical stem of a constrained Digital Link.
const gs1Stem = "https://id.gs1.org"

// withCheckDigit appends the GS1 mod-10 check digit to a key's digits.
func withCheckDigit(digits string) string {
	c, err := ident.CheckDigit(digits)
	if err != nil {
		return digits
	}
	return digits + string(c)
}

// dlEscaper percent-encodes the characters of an EPC component that may
// stand literally in an EPC URI but not in a Digital Link path segment.
var dlEscaper = strings.NewReplacer(
	"!", "%21", "(", "%28", ")", "%29", "*", "%2A", "+", "%2B", ",", "%2C", ":", "%3A",
)

// epcComponent re-encodes an EPC URI component (which may hold TDS
// %-escapes) for a Digital Link path.
func epcComponent(s string) string { return dlEscaper.Replace(s) }
