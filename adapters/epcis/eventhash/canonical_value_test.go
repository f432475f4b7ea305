package eventhash

import "testing"

func TestNumbersAreWrittenInTheirShortestForm(t *testing.T) {
	cases := map[string]string{
		"26":                "26",
		"26.0":              "26",
		"+0012.50":          "12.5",
		"1.0E3":             "1000",
		"0.1":               "0.1",
		"0.0001":            "0.0001",
		"0.00001":           "1e-05",
		"-0.0":              "0",
		"1_000":             "1000",
		"4711":              "4711",
		"0":                 "0",
		"007":               "7",
		"999999999999999":   "999999999999999",
		"12345678901234567": "12345678901234568",
		"2019-10-21":        "2019-10-21",
		"P3Y":               "P3Y",
		"inf":               "inf",
		"nan":               "nan",
		"0x10":              "0x10",
		"1e400":             "1e400",
	}
	checkEach(t, "canonicalNumber", canonicalNumber, cases)
}

func TestCBVURNsBecomeWebVocabulary(t *testing.T) {
	cases := map[string]string{
		"urn:epcglobal:cbv:bizstep:shipping":   "https://ref.gs1.org/cbv/BizStep-shipping",
		"urn:epcglobal:cbv:disp:in_transit":    "https://ref.gs1.org/cbv/Disp-in_transit",
		"urn:epcglobal:cbv:btt:po":             "https://ref.gs1.org/cbv/BTT-po",
		"urn:epcglobal:cbv:sdt:owning_party":   "https://ref.gs1.org/cbv/SDT-owning_party",
		"urn:epcglobal:cbv:er:incorrect_data":  "https://ref.gs1.org/cbv/ER-incorrect_data",
		"urn:epcglobal:cbv:bt:4012345000009:1": "urn:epcglobal:cbv:bt:4012345000009:1",
	}
	checkEach(t, "canonicalValue", canonicalValue, cases)
}

func TestBareJSONLDTermsExpandOnlyToTheirOwnVocabulary(t *testing.T) {
	if got := bizStepTerms.expand("shipping"); got != "https://ref.gs1.org/cbv/BizStep-shipping" {
		t.Errorf("bizStep shipping = %q", got)
	}
	if got := measurementTypeTerms.expand("Temperature"); got != "https://gs1.org/voc/Temperature" {
		t.Errorf("sensor type Temperature = %q", got)
	}
	if got := bizStepTerms.expand("in_transit"); got != "in_transit" {
		t.Errorf("a disposition is not a bizStep term, got %q", got)
	}
	if got := bizStepTerms.expand("https://example.com/steps/x"); got != "https://example.com/steps/x" {
		t.Errorf("a private URI is left alone, got %q", got)
	}
}

// checkEach checks that f, called name in messages, maps each case's input
// to its wanted output.
func checkEach(t *testing.T, name string, f func(string) string, cases map[string]string) {
	t.Helper()
	for in, want := range cases {
		if got := f(in); got != want {
			t.Errorf("%s(%q) = %q, want %q", name, in, got, want)
		}
	}
}
