package eventhash

import (
	"testing"

	"github.com/traceledger/traceledger/domain/ident"
)

func TestIdentifiersBecomeConstrainedDigitalLinks(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"sgtin", "urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017"},
		{"sgtin keeps EPC escapes and encodes the rest", "urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()", "https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22%21%3F%28%29"},
		{"sscc", "urn:epc:id:sscc:4012345.0000000333", "https://id.gs1.org/00/040123450000003338"},
		{"sgln with extension", "urn:epc:id:sgln:0614141.07346.1234", "https://id.gs1.org/414/0614141073467/254/1234"},
		{"sgln without extension", "urn:epc:id:sgln:4012345.00005.0", "https://id.gs1.org/414/4012345000054"},
		{"grai", "urn:epc:id:grai:4012345.00022.334455", "https://id.gs1.org/8003/04012345000221334455"},
		{"giai", "urn:epc:id:giai:4012345.ABC345", "https://id.gs1.org/8004/4012345ABC345"},
		{"gsrn", "urn:epc:id:gsrn:4012345.0000006765", "https://id.gs1.org/8018/401234500000067657"},
		{"gsrnp", "urn:epc:id:gsrnp:4012345.0000000007", "https://id.gs1.org/8017/401234500000000074"},
		{"gdti", "urn:epc:id:gdti:4012345.00009.PO-4711", "https://id.gs1.org/253/4012345000092PO-4711"},
		{"gdti with a 12-digit prefix", "urn:epc:id:gdti:987659999999..9", "https://id.gs1.org/253/98765999999929"},
		{"cpi", "urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234", "https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234"},
		{"sgcn", "urn:epc:id:sgcn:4012345.99999.44", "https://id.gs1.org/255/401234599999044"},
		{"ginc", "urn:epc:id:ginc:0614141.xyz47%2F11", "https://id.gs1.org/401/0614141xyz47%2F11"},
		{"gsin", "urn:epc:id:gsin:4012345.222333444", "https://id.gs1.org/402/40123452223334442"},
		{"itip", "urn:epc:id:itip:4012345.011111.01.02.987", "https://id.gs1.org/8006/040123451111180102/21/987"},
		{"upui", "urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7'SDB", "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7'SDB"},
		{"pgln", "urn:epc:id:pgln:4000001.00000", "https://id.gs1.org/417/4000001000005"},
		{"pgln with a 12-digit prefix", "urn:epc:id:pgln:999999999999.", "https://id.gs1.org/417/9999999999994"},
		{"lgtin", "urn:epc:class:lgtin:4012345.012345.Lot987", "https://id.gs1.org/01/04012345123456/10/Lot987"},
		{"sgtin pattern", "urn:epc:idpat:sgtin:4054739.099914.*", "https://id.gs1.org/01/04054739999148"},
		{"grai pattern", "urn:epc:idpat:grai:4012345.66666.*", "https://id.gs1.org/8003/04012345666663"},
		{"cpi pattern", "urn:epc:idpat:cpi:4012345.ABC.*", "https://id.gs1.org/8010/4012345ABC"},
		{"itip pattern", "urn:epc:idpat:itip:4012345.012345.01.02.*", "https://id.gs1.org/8006/040123451234560102"},
		{"digital link on another stem", "https://id.gs1.de/01/04012345999990/21/XYZ-1234", "https://id.gs1.org/01/04012345999990/21/XYZ-1234"},
		{"digital link short name and query", "https://example.com/gtin/09780345418913/21/765tz?abc=211121", "https://id.gs1.org/01/09780345418913/21/765tz"},
		{"digital link GTIN-13 padded", "https://id.gs1.org/01/9780345418913", "https://id.gs1.org/01/09780345418913"},
		{"digital link serial drops lot", "https://id.gs1.org/01/04012345999990/10/L1/21/S1", "https://id.gs1.org/01/04012345999990/21/S1"},
		{"digital link drops CPV", "https://id.gs1.org/01/04012345999990/22/ABC/21/S1", "https://id.gs1.org/01/04012345999990/21/S1"},
		{"digital link drops trailing CPV", "https://id.gs1.org/01/04012345999990/22/ABC", "https://id.gs1.org/01/04012345999990"},
	}
	for _, c := range cases {
		got, ok := canonicalIdentifier(c.in)
		if !ok || got != c.want {
			t.Errorf("%s: canonicalIdentifier(%q) = %q, %v; want %q", c.name, c.in, got, ok, c.want)
		}
	}
}

func TestValuesThatAreNotGS1IdentifiersAreLeftAlone(t *testing.T) {
	for _, in := range []string{
		"urn:epcglobal:cbv:bt:0614141073467:1152",
		"http://transaction.acme.com/po/12345678",
		"geo:50.947573340894124,6.922120147375441",
		"urn:epc:id:sgtin:0614141.107346",              // no serial
		"urn:epc:id:sgtin:0614141.10734.1",             // prefix and reference do not make 13 digits
		"https://id.gs1.de/01/04012345999990/21/98%22", // %-escapes are outside the constrained form
		"https://example.com/products/4711",
		"plain text",
	} {
		if got, ok := canonicalIdentifier(in); ok {
			t.Errorf("canonicalIdentifier(%q) = %q, want it left alone", in, got)
		}
	}
}

func TestCanonicalSGTINAgreesWithIdentWhereTheSerialNeedsNoEscaping(t *testing.T) {
	for _, urn := range []string{
		"urn:epc:id:sgtin:0614141.107346.2017",
		"urn:epc:id:sgtin:4012345.011111.ABC-12_x.y",
		"urn:epc:id:sgtin:415056789012.0.987654",
	} {
		s, err := ident.ParseSGTIN(urn)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := canonicalIdentifier(urn)
		if want := s.DigitalLink(""); !ok || got != want {
			t.Errorf("canonicalIdentifier(%q) = %q, ident says %q", urn, got, want)
		}
	}
}
