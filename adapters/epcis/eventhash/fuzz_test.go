package eventhash

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addDocumentSeeds adds every test document with one of the extensions.
func addDocumentSeeds(f *testing.F, exts ...string) {
	for _, ext := range exts {
		paths, _ := filepath.Glob("testdata/*/*" + ext)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

// FuzzParsedDocumentsHashWithoutPanicking holds that any document the
// parsers accept, however odd, gets a pre-hash and an id that agree.
func FuzzParsedDocumentsHashWithoutPanicking(f *testing.F) {
	addDocumentSeeds(f, ".xml", ".jsonld", ".json")
	f.Fuzz(func(t *testing.T, doc []byte) {
		parse := ParseJSONLD
		if bytes.HasPrefix(bytes.TrimSpace(doc), []byte("<")) {
			parse = ParseXML
		}
		events, err := parse(bytes.NewReader(doc))
		if err != nil {
			return
		}
		for _, ev := range events {
			pre, err := PreHash(ev)
			if err != nil {
				continue
			}
			if id, _ := ID(ev); id != IDOf(pre) {
				t.Fatalf("ID and IDOf(PreHash) disagree: %s, %s", id, IDOf(pre))
			}
		}
	})
}

// FuzzCanonicalIdentifierIsStable holds that a constrained Digital Link is
// its own canonical form, so hashing never depends on how often a value
// was normalised.
func FuzzCanonicalIdentifierIsStable(f *testing.F) {
	for _, s := range []string{
		"urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sgln:0614141.07346.1234",
		"urn:epc:id:grai:4012345.00022.334455", "urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234",
		"urn:epc:id:itip:4012345.011111.01.02.987", "urn:epc:idpat:itip:4012345.012345.01.02.*",
		"https://example.com/gtin/09780345418913/21/765tz?abc=211121", "https://id.gs1.org/01/04012345999990/22/ABC/21/S1",
		"urn:epc:id:gdti:987659999999..9", "urn:epc:id:pgln:999999999999.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		dl, ok := canonicalIdentifier(in)
		if !ok {
			return
		}
		if !strings.HasPrefix(dl, gs1Stem+"/") {
			t.Fatalf("canonicalIdentifier(%q) = %q, not on the GS1 stem", in, dl)
		}
		if again, ok := canonicalIdentifier(dl); ok && again != dl {
			t.Fatalf("canonicalIdentifier(%q) = %q, but that normalises to %q", in, dl, again)
		}
	})
}
