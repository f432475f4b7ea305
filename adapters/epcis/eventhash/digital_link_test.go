package eventhash

import "testing"

// The shortcut for links already constrained gives what the rules give,
// on every shape near the ones it accepts.
func TestAlreadyConstrainedLinksTakeTheShortcutToTheSameForm(t *testing.T) {
	gtin, gln, sscc := "09521234543213", "9521234000013", "095212340000000013"
	var links []string
	for _, stem := range []string{"https://id.gs1.org/", "http://id.gs1.org/", "https://example.com/", "https://id.gs1.org/x/", "https://ref.gs1.org/cbv/", "https://a.b/12/"} {
		for _, key := range []string{"01/" + gtin, "01/" + gtin[1:], "01/" + gtin + "1", "01/0952123454321x", "414/" + gln, "414/" + gln + "0",
			"00/" + sscc, "00/" + sscc[1:], "gtin/" + gtin, "8006/" + sscc} {
			links = append(links, stem+key)
			for _, q := range []string{"21", "10", "22", "ser", "lot", "235"} {
				for _, v := range []string{"", "S1", "ABC-12.x_y", "a?b", "a%20b", "a/b", "a#b", "12345678901234567890", "123456789012345678901",
					`"'<=>;`, "a b", "é", "10", "21/X"} {
					links = append(links, stem+key+"/"+q+"/"+v)
				}
			}
			links = append(links, stem+key+"?linkType=all", stem+key+"/10/L1/21/S1", stem+key+"/21/S1/10/L1")
		}
	}
	taken := 0
	for _, l := range links {
		want, wantOK := constrainByRegexps(l)
		got, gotOK := constrainDigitalLink(l)
		if got != want || gotOK != wantOK {
			t.Errorf("%s: shortcut %q %v, rules %q %v", l, got, gotOK, want, wantOK)
		}
		if alreadyConstrained(l) {
			taken++
		}
	}
	if taken < 10 {
		t.Fatalf("only %d links took the shortcut", taken)
	}
}

// constrainByRegexps is constrainByRules without its shortcut past the
// first expression.
func constrainByRegexps(l string) (string, bool) {
	if !looksLikeDigitalLink.MatchString(l) {
		return "", false
	}
	return constrainByRules(l)
}

func FuzzTheShortcutAgreesWithTheRules(f *testing.F) {
	f.Add("https://id.gs1.org/01/09521234543213/21/S1")
	f.Add("https://id.gs1.org/414/9521234000013")
	f.Fuzz(func(t *testing.T, l string) {
		if slashThenFourDigits(l) != looksLikeDigitalLink.MatchString(l) && looksLikeDigitalLink.MatchString(l) {
			t.Fatalf("%q is a link without a slash and four digits", l)
		}
		if alreadyConstrained(l) {
			if got, ok := constrainByRegexps(l); !ok || got != l {
				t.Fatalf("%q: rules give %q %v", l, got, ok)
			}
		}
	})
}
