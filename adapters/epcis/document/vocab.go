package document

import "strings"

// cbvPrefixes are the spellings of each CBV vocabulary: the web vocabulary
// (EPCIS 2.0) and the URN (EPCIS 1.x); a value in either is reduced to its
// bare term.
var cbvPrefixes = map[string][]string{
	"bizStep":     {"https://ref.gs1.org/cbv/BizStep-", "urn:epcglobal:cbv:bizstep:"},
	"disposition": {"https://ref.gs1.org/cbv/Disp-", "urn:epcglobal:cbv:disp:"},
	"btt":         {"https://ref.gs1.org/cbv/BTT-", "urn:epcglobal:cbv:btt:"},
	"sdt":         {"https://ref.gs1.org/cbv/SDT-", "urn:epcglobal:cbv:sdt:"},
	"er":          {"https://ref.gs1.org/cbv/ER-", "urn:epcglobal:cbv:er:"},
}

// term is v's bare CBV term in vocabulary voc, or v itself when it is
// none of the CBV's.
func term(voc, v string) string {
	for _, p := range cbvPrefixes[voc] {
		if strings.HasPrefix(v, p) {
			return v[len(p):]
		}
	}
	return v
}
