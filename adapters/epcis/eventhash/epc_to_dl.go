package eventhash

import (
	"regexp"
	"strconv"
	"strings"
)

// epcChar is one character of an EPC serial, lot or reference as the EPC
// Tag Data Standard allows it: a GS1 character set 82 character that may
// stand literally, or a %-escape of one that may not.
const epcChar = `(?:%2[125-9A-Fa-f]|%3[0-9A-Fa-f]|%4[1-9A-Fa-f]|%5[0-9AaFf]|%6[1-9A-Fa-f]|%7[0-9Aa]|[!')(*+,.0-9:;=A-Za-z_-])`

// cpiChar is one character of a component/part reference (set 39).
const cpiChar = `(?:%2[3dfDF]|%3[0-9]|%4[1-9A-Fa-f]|%5[0-9Aa]|[0-9A-Z-])`

// prefixSplit matches a GS1 Company Prefix of 6 to 12 digits, a dot, and
// the numeric reference that makes total digits with it; whenFull is what
// follows the dot when the prefix takes all of them.
func prefixSplit(total int, whenFull string) string {
	alts := make([]string, 0, 7)
	for cp := 6; cp <= 12; cp++ {
		if ref := total - cp; ref > 0 {
			alts = append(alts, `\d{`+strconv.Itoa(cp)+`}\.\d{`+strconv.Itoa(ref)+`}`)
		} else {
			alts = append(alts, `\d{12}\.`+whenFull)
		}
	}
	return "(?:" + strings.Join(alts, "|") + ")"
}

// prefixAndText matches a company prefix, a dot and a reference of class
// char whose length makes at most 30 with the prefix (GIAI, GINC, CPI).
func prefixAndText(char string) string {
	alts := make([]string, 0, 7)
	for cp := 6; cp <= 12; cp++ {
		alts = append(alts, `\d{`+strconv.Itoa(cp)+`}\.`+char+`{1,`+strconv.Itoa(30-cp)+`}`)
	}
	return "(?:" + strings.Join(alts, "|") + ")"
}

// epcParts is an EPC URI matched by its scheme's pattern: the URI, where
// its company prefix starts and where it ends (the first dot).
type epcParts struct {
	uri       string
	start     int
	dot       int
	schemeLen int
}

// cp returns the GS1 Company Prefix.
func (e epcParts) cp() string { return e.uri[e.start:e.dot] }

// ref returns the n digits after the company prefix's dot that complete
// a key of keyLen digits (12 for GLN-based keys, 13 for GTIN-based ones).
func (e epcParts) ref(keyLen int) string {
	return slice(e.uri, e.dot+1, e.dot+1+keyLen-(e.dot-e.start))
}

// gtin returns the GTIN-14 of an SGTIN-like URI, check digit included.
func (e epcParts) gtin() string {
	r := e.ref(13)
	return withCheckDigit(r[:1] + e.cp() + r[1:])
}

// from returns the URI from offset off after the scheme prefix: EPC URIs
// of a fixed-length key put their tail at a fixed place.
func (e epcParts) from(off int) string { return slice(e.uri, e.start+off, len(e.uri)) }

// slice is s[i:j] clamped to s.
func slice(s string, i, j int) string {
	if j > len(s) {
		j = len(s)
	}
	if i > j {
		return ""
	}
	return s[i:j]
}

// epcScheme is one EPC URI scheme the hash converts to a Digital Link.
type epcScheme struct {
	prefix  string
	pattern *regexp.Regexp
	convert func(epcParts) string
}

// scheme builds an epcScheme whose URI is prefix followed by body.
func scheme(prefix, body string, convert func(epcParts) string) epcScheme {
	return epcScheme{prefix: prefix, pattern: regexp.MustCompile("^" + regexp.QuoteMeta(prefix) + body + "$"), convert: convert}
}

// epcSchemes lists the EPC URI, EPC class URI and EPC pattern URI schemes
// with the GS1 key each maps to (EPC Tag Data Standard 2.x, section 6-8).
var epcSchemes = []epcScheme{
	scheme("urn:epc:id:sgtin:", prefixSplit(13, "")+`\.`+epcChar+`{1,20}`, func(e epcParts) string {
		return "/01/" + e.gtin() + "/21/" + epcComponent(e.from(15))
	}),
	scheme("urn:epc:id:sscc:", prefixSplit(17, ""), func(e epcParts) string {
		return "/00/" + withCheckDigit(slice(e.uri, e.dot+1, e.dot+2)+e.cp()+e.uri[e.dot+2:])
	}),
	scheme("urn:epc:id:sgln:", prefixSplit(12, "")+`\.`+epcChar+`{1,20}`, func(e epcParts) string {
		gln := "/414/" + withCheckDigit(e.cp()+e.ref(12))
		if ext := e.from(14); ext != "0" {
			return gln + "/254/" + epcComponent(ext)
		}
		return gln
	}),
	scheme("urn:epc:id:grai:", prefixSplit(12, `\.`)+`\.`+epcChar+`{1,16}`, func(e epcParts) string {
		return "/8003/" + withCheckDigit("0"+e.cp()+e.ref(12)) + epcComponent(e.from(14))
	}),
	scheme("urn:epc:id:giai:", prefixAndText(epcChar), func(e epcParts) string {
		return "/8004/" + e.cp() + epcComponent(e.uri[e.dot+1:])
	}),
	scheme("urn:epc:id:gsrn:", prefixSplit(17, ""), func(e epcParts) string {
		return "/8018/" + withCheckDigit(e.cp()+e.uri[e.dot+1:])
	}),
	scheme("urn:epc:id:gsrnp:", prefixSplit(17, ""), func(e epcParts) string {
		return "/8017/" + withCheckDigit(e.cp()+e.uri[e.dot+1:])
	}),
	scheme("urn:epc:id:gdti:", prefixSplit(12, `\.`)+epcChar+`{1,20}`, func(e epcParts) string {
		return "/253/" + withCheckDigit(e.cp()+e.ref(12)) + epcComponent(e.from(14))
	}),
	scheme("urn:epc:id:cpi:", prefixAndText(cpiChar)+`\.\d{1,12}`, func(e epcParts) string {
		last := strings.LastIndexByte(e.uri, '.')
		return "/8010/" + epcComponent(e.cp()+e.uri[e.dot+1:last]) + "/8011/" + e.uri[last+1:]
	}),
	scheme("urn:epc:id:sgcn:", prefixSplit(12, "")+`\.\d{1,12}`, func(e epcParts) string {
		return "/255/" + withCheckDigit(e.cp()+e.ref(12)) + e.from(14)
	}),
	scheme("urn:epc:id:ginc:", prefixAndText(epcChar), func(e epcParts) string {
		return "/401/" + e.cp() + epcComponent(e.uri[e.dot+1:])
	}),
	scheme("urn:epc:id:gsin:", prefixSplit(16, ""), func(e epcParts) string {
		return "/402/" + withCheckDigit(e.cp()+e.uri[e.dot+1:])
	}),
	scheme("urn:epc:id:itip:", prefixSplit(13, "")+`\.\d{2}\.\d{2}\.`+epcChar+`{1,20}`, func(e epcParts) string {
		return "/8006/" + e.gtin() + e.from(15)[:2] + e.from(18)[:2] + "/21/" + epcComponent(e.from(21))
	}),
	scheme("urn:epc:id:upui:", prefixSplit(13, "")+`\.`+epcChar+`{1,28}`, func(e epcParts) string {
		return "/01/" + e.gtin() + "/235/" + epcComponent(e.from(15))
	}),
	scheme("urn:epc:id:pgln:", prefixSplit(12, ""), func(e epcParts) string {
		return "/417/" + withCheckDigit(e.cp()+e.ref(12))
	}),
	scheme("urn:epc:class:lgtin:", prefixSplit(13, "")+`\.`+epcChar+`{1,20}`, func(e epcParts) string {
		return "/01/" + e.gtin() + "/10/" + epcComponent(e.from(15))
	}),
	scheme("urn:epc:idpat:sgtin:", prefixSplit(13, "")+`\.\*`, func(e epcParts) string {
		return "/01/" + e.gtin()
	}),
	scheme("urn:epc:idpat:grai:", prefixSplit(12, `\.`)+`\.\*`, func(e epcParts) string {
		return "/8003/" + withCheckDigit("0"+e.cp()+e.ref(12))
	}),
	scheme("urn:epc:idpat:gdti:", prefixSplit(12, `\.`)+`\.\*`, func(e epcParts) string {
		return "/253/" + withCheckDigit(e.cp()+e.ref(12))
	}),
	scheme("urn:epc:idpat:sgcn:", prefixSplit(12, `\.`)+`\.\*`, func(e epcParts) string {
		return "/255/" + withCheckDigit(e.cp()+e.ref(12))
	}),
	scheme("urn:epc:idpat:cpi:", prefixAndText(cpiChar)+`\.\*`, func(e epcParts) string {
		last := strings.LastIndexByte(e.uri, '.')
		return "/8010/" + epcComponent(e.cp()+e.uri[e.dot+1:last])
	}),
	scheme("urn:epc:idpat:itip:", prefixSplit(13, "")+`\.\d{2}\.\d{2}\.\*`, func(e epcParts) string {
		return "/8006/" + e.gtin() + e.from(15)[:2] + e.from(18)[:2]
	}),
	scheme("urn:epc:idpat:upui:", prefixSplit(13, "")+`\.\*`, func(e epcParts) string {
		return "/01/" + e.gtin()
	}),
}

// epcToDigitalLink converts an EPC URI of a known scheme to its
// constrained Digital Link.
func epcToDigitalLink(uri string) (string, bool) {
	for _, s := range epcSchemes {
		if !s.pattern.MatchString(uri) {
			continue
		}
		e := epcParts{uri: uri, start: len(s.prefix), dot: strings.IndexByte(uri, '.')}
		return gs1Stem + s.convert(e), true
	}
	return "", false
}
