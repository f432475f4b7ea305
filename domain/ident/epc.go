package ident

import (
	"strconv"
	"strings"
)

// epcEscaped are the set-82 characters that EPC Tag Data Standard (TDS) 2.x
// requires to be percent-escaped in a pure-identity URI component; all other
// set-82 characters appear literally.
const epcEscaped = "\"%&/<>?"

// escapeEPC writes a serial or lot in TDS URI form.
func escapeEPC(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(epcEscaped, s[i]) >= 0 {
			b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(s[i]), 16)))
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unescapeEPC reads a TDS URI component: literal set-82 characters except
// the escaped ones, and %XX escapes that decode to a set-82 character.
func unescapeEPC(s string) (string, string) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return "", "has a malformed %-escape at position " + strconv.Itoa(i+1)
			}
			v, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if !in82[byte(v)] {
				return "", "%-escape at position " + strconv.Itoa(i+1) + " is not a GS1 character set 82 character"
			}
			b.WriteByte(byte(v))
			i += 2
		case strings.IndexByte(epcEscaped, c) >= 0 || !in82[c]:
			return "", strconv.Quote(s[i:i+1]) + " at position " + strconv.Itoa(i+1) + " must be %-escaped or is not allowed"
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), ""
}

// epcGTINParts parses the "CompanyPrefix.IndicatorItemRef.Tail" body shared
// by SGTIN and LGTIN URIs after prefix (matched case-insensitively),
// returning the GTIN and the unescaped tail.
func epcGTINParts(kind, prefix, urn string) (cp, itemRef, tail string, err error) {
	if len(urn) < len(prefix) || !strings.EqualFold(urn[:len(prefix)], prefix) {
		return "", "", "", invalid(kind, urn, "must start with "+prefix)
	}
	parts := strings.SplitN(urn[len(prefix):], ".", 3)
	if len(parts) != 3 {
		return "", "", "", invalid(kind, urn, "must be "+prefix+"CompanyPrefix.IndicatorItemRef.Value")
	}
	cp, itemRef = parts[0], parts[1]
	if err := checkGTINSplit(kind, urn, cp, itemRef); err != nil {
		return "", "", "", err
	}
	t, why := unescapeEPC(parts[2])
	if why != "" {
		return "", "", "", invalid(kind, urn, "value "+why)
	}
	return cp, itemRef, t, nil
}

// checkGTINSplit validates a company prefix of 6-12 digits and an
// indicator-plus-item-reference that together make 13 digits.
func checkGTINSplit(kind, input, cp, itemRef string) error {
	switch {
	case !isDigits(cp) || len(cp) < 6 || len(cp) > 12:
		return invalid(kind, input, "company prefix must be 6 to 12 digits")
	case !isDigits(itemRef) || len(cp)+len(itemRef) != 13:
		return invalid(kind, input, "indicator and item reference must be digits making 13 with the company prefix")
	case strings.Trim(cp+itemRef, "0") == "":
		return invalid(kind, input, "GTIN must not be all zeros")
	}
	return nil
}

// gtinFromParts assembles the GTIN-14: indicator digit, company prefix,
// item reference, check digit.
func gtinFromParts(cp, itemRef string) GTIN {
	body := itemRef[:1] + cp + itemRef[1:]
	return GTIN{digits: body + string(checkDigit(body))}
}

// splitGTIN is the inverse of gtinFromParts for a known prefix length. The
// length cannot be derived from the GTIN alone (it needs GS1's prefix
// list), so callers that convert to EPC must know it.
func splitGTIN(kind string, g GTIN, companyPrefixLength int) (cp, itemRef string, err error) {
	if g.IsZero() {
		return "", "", invalidf(kind + ": GTIN is missing")
	}
	if companyPrefixLength < 6 || companyPrefixLength > 12 {
		return "", "", invalid(kind, g.digits, "company prefix length must be 6 to 12, got "+strconv.Itoa(companyPrefixLength))
	}
	d := g.digits
	return d[1 : 1+companyPrefixLength], d[:1] + d[1+companyPrefixLength:13], nil
}

// stemOrDefault trims a trailing slash and defaults an empty stem.
func stemOrDefault(stem string) string {
	if stem == "" {
		return DefaultStem
	}
	return strings.TrimSuffix(stem, "/")
}
