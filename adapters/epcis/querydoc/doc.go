// Package querydoc writes the ledger's events, rendered as EPCIS 2.0
// (app/query.EPCISEvent), as the documents the EPCIS query interface
// answers: EPCISQueryDocuments in JSON-LD and in XML, with identifiers as
// GS1 Digital Links or EPC URNs as the client asks, and computes each
// rendered event's CBV 2.0 hash id by writing it as JSON-LD and hashing
// what the eventhash package reads back, so the id a partner recomputes
// from the served document is the id served.
package querydoc

import (
	"strings"

	"github.com/traceledger/traceledger/domain/ident"
)

// EPCFormat is how identifiers of goods are written (the binding's
// GS1-EPC-Format header).
type EPCFormat int

const (
	// DigitalLink writes GS1 Digital Links (Always_GS1_Digital_Link, the
	// binding's default, and Never_Translates: the ledger's own form).
	DigitalLink EPCFormat = iota
	// URN writes EPC URNs (Always_EPC_URN).
	URN
)

// ParseEPCFormat reads a GS1-EPC-Format header ("" is the default).
func ParseEPCFormat(h string) (EPCFormat, bool) {
	switch h {
	case "", "Always_GS1_Digital_Link", "Never_Translates", "No_Preference":
		return DigitalLink, true
	case "Always_EPC_URN":
		return URN, true
	}
	return DigitalLink, false
}

// Context is the JSON-LD context of every document: GS1's EPCIS context
// and the ledger's prefix for its extension fields.
const (
	EPCISContext = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
	Namespace    = "https://ns.traceledger.org/epcis/"
)

// CompanyPrefixLength says where a GTIN's GS1 Company Prefix ends, which
// an EPC URN needs and the GTIN does not carry. GS1 China allots 7-digit
// prefixes under 690 and 691 and 8-digit ones under 692 to 699; other
// GTINs are taken as 7 digits. (A prefix registry would replace this.)
func CompanyPrefixLength(gtin14 string) int {
	if len(gtin14) == 14 && strings.HasPrefix(gtin14[1:], "69") && gtin14[3] >= '2' {
		return 8
	}
	return 7
}

// EPC writes a canonical Digital Link in format f, as events write their
// identifiers.
func EPC(dl string, f EPCFormat) string { return epc(dl, f) }

// epc writes a canonical Digital Link in format f: an SGTIN or LGTIN as
// its EPC URN when asked; any other identifier as it is.
func epc(dl string, f EPCFormat) string {
	if f != URN {
		return dl
	}
	if s, err := ident.SGTINFromDigitalLink(dl, 7); err == nil {
		if u, err := ident.SGTINFromDigitalLink(dl, CompanyPrefixLength(s.GTIN().String())); err == nil {
			return u.String()
		}
	}
	if l, err := ident.LGTINFromDigitalLink(dl, 7); err == nil {
		if u, err := ident.LGTINFromDigitalLink(dl, CompanyPrefixLength(l.GTIN().String())); err == nil {
			return u.String()
		}
	}
	return dl
}

// CanonicalEPC reads an identifier a client sends in either form (an EPC
// URN or a Digital Link, an item's link with or without its lot) as the
// canonical Digital Link the read model indexes; ok is false for an SGTIN
// or LGTIN spelled wrongly. Other identifiers (an SSCC, a location) are
// kept as sent.
func CanonicalEPC(s string) (string, bool) {
	switch {
	case strings.HasPrefix(s, "urn:epc:id:sgtin:"):
		e, err := ident.ParseSGTIN(s)
		return e.DigitalLink(""), err == nil
	case strings.HasPrefix(s, "urn:epc:class:lgtin:"):
		e, err := ident.ParseLGTIN(s)
		return e.DigitalLink(""), err == nil
	case strings.Contains(s, "/01/"):
		if e, err := ident.SGTINFromDigitalLink(s, 7); err == nil {
			return e.DigitalLink(""), true
		}
		if e, err := ident.LGTINFromDigitalLink(s, 7); err == nil {
			return e.DigitalLink(""), true
		}
		return s, false
	}
	return s, true
}

// cbvPrefixes are the CBV 2.0 vocabularies by field: the URN prefix XML
// writes a short name under.
var cbvURN = map[string]string{
	"bizStep":     "urn:epcglobal:cbv:bizstep:",
	"disposition": "urn:epcglobal:cbv:disp:",
	"btt":         "urn:epcglobal:cbv:btt:",
	"sdt":         "urn:epcglobal:cbv:sdt:",
}

// cbvWeb are the same vocabularies' web URI prefixes.
var cbvWeb = map[string]string{
	"bizStep":     "https://ns.gs1.org/cbv/BizStep-",
	"disposition": "https://ns.gs1.org/cbv/Disp-",
	"btt":         "https://ns.gs1.org/cbv/BTT-",
	"sdt":         "https://ns.gs1.org/cbv/SDT-",
}

// ShortCBV reads a CBV value in any of its forms (short name, URN, web
// URI) as its short name; a value of another vocabulary as it is.
func ShortCBV(field, v string) string {
	for _, p := range []string{cbvURN[field], cbvWeb[field]} {
		if p != "" && strings.HasPrefix(v, p) {
			return strings.TrimPrefix(v, p)
		}
	}
	return v
}

// cbvXML writes a short CBV name as the URN XML carries; a URI as it is.
func cbvXML(field, v string) string {
	if v == "" || strings.Contains(v, ":") {
		return v
	}
	return cbvURN[field] + v
}
