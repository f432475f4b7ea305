package eventhash

import (
	"regexp"
	"strings"
)

// primaryKeys are the Digital Link primary keys the hash recognises, by AI
// and by the short names of Digital Link 1.0.
const primaryKeys = `01|gtin|8006|itip|8010|cpid|414|gln|417|party|8017|gsrnp|8018|gsrn|255|gcn|00|sscc|253|gdti|401|ginc|402|gsin|8003|grai|8004|giai`

// looksLikeDigitalLink matches an http(s) URI whose path holds a primary
// key followed by a value of at least five characters, four of them digits.
var looksLikeDigitalLink = regexp.MustCompile(`^https?:[^?#]*/(?:` + primaryKeys + `)/\d{4}[^/]`)

// shortNames maps the Digital Link 1.0 short names to AIs.
var shortNames = strings.NewReplacer(
	"/gtin/", "/01/", "/itip/", "/8006/", "/cpid/", "/8010/", "/gln/", "/414/", "/party/", "/417/",
	"/gsrnp/", "/8017/", "/gsrn/", "/8018/", "/gcn/", "/255/", "/sscc/", "/00/", "/gdti/", "/253/",
	"/ginc/", "/401/", "/gsin/", "/402/", "/grai/", "/8003/", "/giai/", "/8004/", "/cpv/", "/22/",
	"/lot/", "/10/", "/ser/", "/21/",
)

// onCanonicalStem matches a link already on the GS1 resolver's stem.
var onCanonicalStem = regexp.MustCompile(`^https://id.gs1.org/(?:01|8006|8010|414|417|8017|8018|255|00|253|401|402|8003|8004)/\d{4}[^/]`)

// stemSearchOrder is the order in which the primary key is looked for when
// a link's own stem is replaced by the canonical one.
var stemSearchOrder = []string{"/00/", "/01/", "/253/", "/255/", "/401/", "/402/", "/414/", "/417/", "/8003/", "/8004/", "/8006/", "/8010/", "/8017/", "/8018/"}

// dlChar is a Digital Link value character the constrained form accepts;
// notably not "%", so a value holding a %-escape is not constrained.
const dlChar = `["'\-.0-9;-?A-Z_a-z]`

var (
	gtinPadding = []struct {
		digits *regexp.Regexp
		pad    string
	}{
		{regexp.MustCompile(`^https://id.gs1.org/01/\d{13}`), "/01/0"},
		{regexp.MustCompile(`^https://id.gs1.org/01/\d{12}`), "/01/00"},
		{regexp.MustCompile(`^https://id.gs1.org/01/\d{8}`), "/01/000000"},
	}
	gtin14       = regexp.MustCompile(`^https://id.gs1.org/01/\d{14}`)
	cpvLast      = regexp.MustCompile(`^https://id.gs1.org/(?:8006/\d{18}|01/\d{14})/22/` + dlChar + `{0,20}$`)
	cpvThenMore  = regexp.MustCompile(`^https://id.gs1.org/(?:8006/\d{18}|01/\d{14})/22/[/"'\-.0-9;-?A-Z_a-z]{0,20}$`)
	lotAndSerial = regexp.MustCompile(`^https://id.gs1.org/(?:8006/\d{18}|01/\d{14})/10/` + dlChar + `{0,20}/21/` + dlChar + `{0,20}$`)
)

// constrainedForms are the shapes a constrained Digital Link may take.
var constrainedForms = regexp.MustCompile(`^https://id.gs1.org/(?:` + strings.Join([]string{
	`00/\d{18}`,
	`01/\d{14}/21/` + dlChar + `{0,20}`,
	`01/\d{14}/10/` + dlChar + `{0,20}`,
	`01/\d{14}`,
	`01/\d{14}/235/` + dlChar + `{0,28}`,
	`253/\d{13}` + dlChar + `{0,17}`,
	`255/\d{13}\d{0,12}`,
	`401/` + dlChar + `{0,30}`,
	`402/\d{17}`,
	`414/\d{13}`,
	`414/\d{13}/254/` + dlChar + `{0,20}`,
	`417/\d{13}`,
	`8003/\d{14}` + dlChar + `{0,16}`,
	`8004/` + dlChar + `{0,30}`,
	`8006/\d{18}/21/` + dlChar + `{0,20}`,
	`8006/\d{18}/10/` + dlChar + `{0,20}`,
	`8006/\d{18}`,
	`8010/[#\-/0-9A-Z]{0,30}/8011/\d{0,12}`,
	`8010/[#\-/0-9A-Z]{0,30}`,
	`8017/\d{18}`,
	`8018/\d{18}`,
}, "|") + `)$`)

// constrainDigitalLink rewrites a GS1 Digital Link to its constrained
// canonical form: query dropped, short names replaced by AIs, the stem
// replaced by https://id.gs1.org, a GTIN padded to 14 digits, a CPV
// dropped and a lot dropped when a serial is present. It reports false
// when the result is not one of the constrained forms.
func constrainDigitalLink(uri string) (string, bool) {
	if alreadyConstrained(uri) {
		return uri, true
	}
	return constrainByRules(uri)
}

// constrainByRules is constrainDigitalLink step by step.
func constrainByRules(uri string) (string, bool) {
	if !slashThenFourDigits(uri) || !looksLikeDigitalLink.MatchString(uri) {
		return "", false
	}
	if i := strings.IndexByte(uri, '?'); i >= 0 {
		uri = uri[:i]
	}
	uri = shortNames.Replace(uri)
	if !onCanonicalStem.MatchString(uri) {
		for _, key := range stemSearchOrder {
			if i := strings.Index(uri, key); i >= 0 {
				uri = gs1Stem + uri[i:]
				break
			}
		}
	}
	if !gtin14.MatchString(uri) {
		for _, p := range gtinPadding {
			if p.digits.MatchString(uri) {
				uri = strings.ReplaceAll(uri, "/01/", p.pad)
				break
			}
		}
	}
	uri = dropSegment(uri, "/22/", cpvLast, cpvThenMore)
	if lotAndSerial.MatchString(uri) {
		uri = cutSegment(uri, "/10/")
	}
	if !constrainedForms.MatchString(uri) {
		return "", false
	}
	return uri, true
}

// dropSegment removes the key qualifier starting at key when it ends the
// link (last) or is followed by further qualifiers (more).
func dropSegment(uri, key string, last, more *regexp.Regexp) string {
	switch {
	case last.MatchString(uri):
		return uri[:strings.Index(uri, key)]
	case more.MatchString(uri):
		return cutSegment(uri, key)
	}
	return uri
}

// cutSegment removes the first "key/value" path segment pair from uri.
func cutSegment(uri, key string) string {
	i := strings.Index(uri, key)
	rest := uri[i+len(key):]
	j := strings.IndexByte(rest, '/')
	if j < 0 {
		return uri[:i]
	}
	return uri[:i] + rest[j:]
}

// alreadyConstrained reports, without a regular expression, whether uri
// is one of the constrained forms every step above leaves as it is: a
// GTIN of 14 digits alone, with a serial or with a lot of at most 20
// Digital Link characters (no "?", which would start a query), a GLN of
// 13 digits, an SSCC of 18. They are the forms a rendered event names its
// goods and places by, so nearly every identifier hashed takes this path.
func alreadyConstrained(uri string) bool {
	rest, ok := strings.CutPrefix(uri, gs1Stem+"/")
	if !ok {
		return false
	}
	if v, ok := strings.CutPrefix(rest, "414/"); ok {
		return len(v) == 13 && allDigits(v)
	}
	if v, ok := strings.CutPrefix(rest, "00/"); ok {
		return len(v) == 18 && allDigits(v)
	}
	v, ok := strings.CutPrefix(rest, "01/")
	if !ok || len(v) < 14 || !allDigits(v[:14]) {
		return false
	}
	v = v[14:]
	if v == "" {
		return true
	}
	q, ok := strings.CutPrefix(v, "/21/")
	if !ok {
		q, ok = strings.CutPrefix(v, "/10/")
	}
	if !ok || len(q) > 20 {
		return false
	}
	for i := 0; i < len(q); i++ {
		if c := q[i]; !(c == '"' || c == '\'' || c == '-' || c == '.' || c == '_' || '0' <= c && c <= '9' ||
			';' <= c && c <= '>' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z') {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// slashThenFourDigits reports whether uri holds a "/" followed by four
// digits, as every link looksLikeDigitalLink matches does: most URIs an
// event holds (vocabulary, namespaces) have none and skip the expression.
func slashThenFourDigits(uri string) bool {
	for i := 0; i+4 < len(uri); i++ {
		if uri[i] == '/' && allDigits(uri[i+1:i+5]) {
			return true
		}
	}
	return false
}
