package ident

import (
	"fmt"
	"testing"
)

func TestAITableConsistency(t *testing.T) {
	for ai, d := range aiTable {
		if n, ok := predefinedLength[ai[:2]]; ok != d.fixed || (ok && (len(d.parts) != 1 || d.parts[0].min != n || d.parts[0].max != n)) {
			t.Errorf("AI (%s): fixed=%v but predefined length of %s is %d", ai, d.fixed, ai[:2], n)
		}
		for _, alt := range d.alts {
			for _, q := range alt {
				if aiTable[q] == nil {
					t.Errorf("AI (%s) names unknown qualifier %s", ai, q)
				}
			}
		}
	}
	for _, ai := range []string{"00", "01", "02", "10", "11", "13", "15", "16", "17", "21", "22", "235", "240", "241",
		"250", "253", "254", "255", "30", "3100", "3695", "37", "3900", "3939", "400", "401", "402", "403",
		"410", "417", "420", "421", "422", "8003", "8004", "8006", "8010", "8017", "8018", "8019", "8020", "8200", "90", "99"} {
		if aiTable[ai] == nil {
			t.Errorf("AI (%s) missing from the table", ai)
		}
	}
	for _, ai := range []string{"89", "3106", "999", "1", "23", "0"} {
		if aiTable[ai] != nil {
			t.Errorf("AI (%s) should not be in the table", ai)
		}
	}
}

func TestLookupUnknownAI(t *testing.T) {
	tests := []struct {
		ai    string
		known bool
		vivid bool // vivified under PermitUnknownAIs
	}{
		{"01", true, true},
		{"89", false, true},
		{"891", false, true},
		{"999", false, false},  // 99 is known
		{"310", false, false},  // prefix of 3100
		{"3106", false, false}, // 31nn AIs are 4 digits, but 3106 is unassigned: vivified?
		{"23", false, false},   // 235 makes 23x AIs three digits long
		{"236", false, true},
		{"1", false, false},
		{"12345", false, false},
		{"8a", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.ai, func(t *testing.T) {
			if got := lookupAI(tt.ai, false) != nil; got != tt.known {
				t.Errorf("strict lookup = %v", got)
			}
			d := lookupAI(tt.ai, true)
			if tt.ai == "3106" {
				// 31 is a 4-digit, predefined-length prefix: vivified as N6-long text.
				if d == nil || !d.fixed || d.parts[0].max != 6 {
					t.Errorf("3106 vivified as %+v", d)
				}
				return
			}
			if got := d != nil; got != tt.vivid {
				t.Errorf("permissive lookup = %v", got)
			}
		})
	}
}

func TestAIValueLints(t *testing.T) {
	tests := []struct {
		ai, value, err string
	}{
		{"01", "09520123456788", ""},
		{"01", "09520123456789", "check digit should be 8, got 9"},
		{"00", "006141411234567890", ""},
		{"17", "261231", ""},
		{"17", "261200", ""}, // day 00: end of month
		{"17", "261301", "month 13"},
		{"17", "250229", "day 29"},
		{"17", "240229", ""}, // leap year
		{"7006", "240100", "day 00"},
		{"253", "1231231231232", ""},
		{"253", "1231231231232TEST5678901234567", ""},
		{"253", "123123123123", "too short"},
		{"8013", "1987654Ad4X4bL5ttr2310c2K", ""},
		{"8013", "1987654Ad4X4bL5ttr2310cXK", "check characters should be 2K, got XK"},
		{"8013", "12345_!\"%&'()*+,-./LC", ""},
		{"422", "156", ""},
		{"422", "000", "ISO 3166-1 numeric"},
		{"3912", "156100", ""},
		{"3912", "000100", "ISO 4217"},
		{"7030", "999ABC", ""},
		{"8006", "095201234567880102", ""},
		{"8006", "095201234567880302", "piece must be"},
		{"4307", "CN", ""},
		{"4307", "ZZ", "alpha-2"},
		{"4330", "001000-", ""},
		{"4330", "001000+", "must be -"},
		{"8007", "GB82WEST12345698765432", ""},
		{"8007", "GB82WEST12345698765433", "IBAN check"},
		{"8011", "0", ""},
		{"8011", "012", "must not start with 0"},
		{"8010", "ABC#-/1", ""},
		{"8010", "abc", "character set 39"},
		{"8030", "abc-_=", ""},
		{"8030", "abc+", "base64url"},
		{"4300", "A%20B", ""},
		{"4300", "A%2", "percent-encoding"},
		{"7258", "1/3", ""},
		{"7258", "3/1", "position in a sequence"},
		{"8008", "2401011230", ""},
		{"8008", "2401012530", "hour 25"},
		{"4309", "18000000003600000000", ""},
		{"4309", "18000000013600000000", "latitude"},
		{"99", "", "empty"},
		{"10", "ABC DEF", "character set 82"},
	}
	for _, tt := range tests {
		t.Run(tt.ai+"_"+tt.value, func(t *testing.T) {
			wantErr(t, validateAIValue(aiTable[tt.ai], AIValue{tt.ai, tt.value}), tt.err)
		})
	}
}

func TestParseElementString(t *testing.T) {
	tests := []struct {
		name, in string
		want     []AIValue
		err      string
	}{
		{name: "two AIs", in: "(01)12312312312326(21)abc123", want: []AIValue{{"01", "12312312312326"}, {"21", "abc123"}}},
		{name: "escaped bracket", in: `(01)12312312312326(21)ab\(c`, want: []AIValue{{"01", "12312312312326"}, {"21", "ab(c"}}},
		{name: "identical repeat kept", in: "(01)12312312312326(01)12312312312326", want: []AIValue{{"01", "12312312312326"}, {"01", "12312312312326"}}},
		{name: "conflicting repeat", in: "(01)12312312312326(01)12312312312333", err: "appears twice with different values"},
		{name: "requisite missing", in: "(10)ABC", err: "ai (10) requires one of (01), (02), (03), (8006), (8026)"},
		{name: "requisite pair", in: "(8030)abc(01)12312312312326", err: "one of (00), (01) with (21)"},
		{name: "exclusive pair", in: "(01)12312312312326(37)5", err: "must not be used together with (37)"},
		{name: "exclusive measures", in: "(01)12312312312326(3102)000100(3103)000010", err: "must not be used together"},
		{name: "unknown AI", in: "(89)X", err: `ai "89": is not a known`},
		{name: "no brackets", in: "0112312312312326", err: "expected ("},
		{name: "unclosed", in: "(01", err: "unclosed"},
		{name: "empty value", in: "(01)(21)x", err: "value is empty"},
		{name: "empty", in: "", err: "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseElementString(tt.in)
			wantErr(t, err, tt.err)
			if err == nil && fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDigitalLinkModel(t *testing.T) {
	dl, err := ParseDigitalLink("HTTPS://Brand.example.com:8443/qr/01/09520123456788/10/A%28B/21/1?17=261231&x=1#f", strict)
	wantErr(t, err, "")
	if dl.Stem != "https://Brand.example.com:8443/qr" {
		t.Errorf("Stem = %q", dl.Stem)
	}
	if fmt.Sprint(dl.Primary) != "[{01 09520123456788} {10 A(B} {21 1}]" || fmt.Sprint(dl.Attributes) != "[{17 261231}]" {
		t.Errorf("Primary %v Attributes %v", dl.Primary, dl.Attributes)
	}
	if got := dl.BracketedElementString(); got != `(01)09520123456788(10)A\(B(21)1(17)261231` {
		t.Errorf("BracketedElementString = %q", got)
	}
	if got := dl.ElementString(); got != "^0109520123456788"+"10A(B^211^17261231" {
		t.Errorf("ElementString = %q", got)
	}
	if got := dl.String(); got != "https://Brand.example.com:8443/qr/01/09520123456788/10/A%28B/21/1?17=261231" {
		t.Errorf("String = %q", got)
	}
	if v, ok := dl.Value("17"); !ok || v != "261231" {
		t.Errorf("Value(17) = %q %v", v, ok)
	}
	ais, err := ParseElementString(dl.BracketedElementString())
	if err != nil || fmt.Sprint(ais) != fmt.Sprint(dl.AIs()) {
		t.Errorf("bracketed round trip: %v %v", ais, err)
	}
}

func TestParseDigitalLinkOptions(t *testing.T) {
	tests := []struct {
		name, uri string
		opts      ParseOptions
		err       string
	}{
		{"qualifier in query refused", "https://a/01/09520123456788?10=ABC", strict, "belongs in the path"},
		{"qualifier in query permitted", "https://a/01/09520123456788?10=ABC", ParseOptions{PermitQualifiersInQuery: true}, ""},
		{"serial in query never an attribute", "https://a/01/09520123456788?21=ABC", ParseOptions{PermitQualifiersInQuery: true}, "not a valid Digital Link data attribute"},
		{"alpha in query ignored", "https://a/01/09520123456788?lot=ABC", alphas, ""},
		{"unknown AI never a key", "https://a/89/ABC", unknownAIs, "no GS1 primary key"},
		{"requisite checked", "https://a/00/006141411234567890?10=ABC", strict, "requires"},
		{"empty param name", "https://a/01/09520123456788?=1", strict, "without a name"},
		{"port too big", "https://a:65536/01/09520123456788", strict, "invalid port"},
		{"empty port", "https://a:/01/09520123456788", strict, "invalid port"},
		{"ipv4 out of range", "https://256.1.1.1/01/09520123456788", strict, "not a valid IPv4"},
		{"ipv4 number too big", "https://4294967296/01/09520123456788", strict, "not a valid IPv4"},
		{"ipv4 bad octal", "https://09.1.1.1/01/09520123456788", strict, "not a valid IPv4"},
		{"ipv6 bad", "https://[2001:db8::g]/01/09520123456788", strict, "invalid IPv6"},
		{"ipv4 in brackets", "https://[192.0.2.1]/01/09520123456788", strict, "invalid IPv6"},
		{"ipv6 with port", "https://[2001:db8::1]:443/01/09520123456788", strict, ""},
		{"user info", "https://u@a/01/09520123456788", strict, "not allowed in a domain"},
		{"empty label", "https://a..b/01/09520123456788", strict, "empty or malformed label"},
		{"hyphen label", "https://-a.b/01/09520123456788", strict, "empty or malformed label"},
		{"non-ascii", "https://例子.cn/01/09520123456788", strict, "not in the characters allowed in a URI"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDigitalLink(tt.uri, tt.opts)
			wantErr(t, err, tt.err)
		})
	}
}

func TestFormatDigitalLinkStem(t *testing.T) {
	ais := []AIValue{{"01", "09520123456788"}}
	for stem, wantErrText := range map[string]string{
		"https://a.example/x/":  "",
		"http://10.0.0.1:8080":  "",
		"ftp://a":               "scheme",
		"https://a?x=1":         "not allowed in a domain",
		"https://a/x?y":         "query",
		"https://a/x y":         "characters allowed",
		"https://a//x":          "empty segment",
		"https://":              "scheme",
		"https:///x":            "no host",
		"https://a/x//":         "empty segment",
		"HTTPS://A.EXAMPLE/Foo": "",
	} {
		t.Run(stem, func(t *testing.T) {
			_, err := FormatDigitalLink(stem, ais)
			wantErr(t, err, wantErrText)
		})
	}
	if _, err := FormatDigitalLink("", []AIValue{{"01", "x"}}); err == nil {
		t.Error("FormatDigitalLink accepted an invalid value")
	}
}
