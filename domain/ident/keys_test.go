package ident

import (
	"errors"
	"strings"
	"testing"
)

// wantErr checks err against a wanted message fragment ("" means success).
func wantErr(t *testing.T, err error, fragment string) {
	t.Helper()
	switch {
	case fragment == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case fragment != "" && err == nil:
		t.Fatalf("want error containing %q, got nil", fragment)
	case fragment != "" && !strings.Contains(err.Error(), fragment):
		t.Fatalf("error %q does not contain %q", err, fragment)
	case err != nil && !errors.Is(err, ErrInvalid):
		t.Fatalf("error %v does not wrap ErrInvalid", err)
	}
}

func TestParseGTIN(t *testing.T) {
	tests := []struct {
		name, in, want, short, err string
	}{
		{name: "gtin-13", in: "4006381333931", want: "04006381333931", short: "4006381333931"},
		{name: "gtin-14", in: "10614141073464", want: "10614141073464", short: "10614141073464"},
		{name: "gtin-12 upc-a", in: "036000291452", want: "00036000291452", short: "036000291452"},
		{name: "gtin-8", in: "96385074", want: "00000096385074", short: "96385074"},
		{name: "gtin-13 china", in: "6901234567892", want: "06901234567892", short: "6901234567892"},
		{name: "wrong check digit names expected", in: "4006381333932", err: `gtin "4006381333932": check digit should be 1, got 2`},
		{name: "letters", in: "40063813339A1", err: `"A" at position 12`},
		{name: "too short", in: "1234567", err: "must be 8, 12, 13 or 14 digits, got 7"},
		{name: "length 10", in: "1234567895", err: "got 10"},
		{name: "too long", in: "123456789012345", err: "got 15"},
		{name: "empty", in: "", err: "got 0"},
		{name: "spaces", in: " 4006381333931", err: "position 1"},
		{name: "all zeros", in: "00000000", err: "all zeros"},
		{name: "unicode digits", in: "４００６３８１３３３９３１", err: "digits only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := ParseGTIN(tt.in)
			wantErr(t, err, tt.err)
			if err != nil {
				if !g.IsZero() {
					t.Error("failed parse returned a non-zero GTIN")
				}
				return
			}
			if g.String() != tt.want || g.Short() != tt.short {
				t.Errorf("got %s / %s, want %s / %s", g, g.Short(), tt.want, tt.short)
			}
		})
	}
}

func TestCheckDigit(t *testing.T) {
	tests := []struct {
		name, in string
		want     byte
		err      bool
	}{
		{"gtin-13 payload", "400638133393", '1', false},
		{"sscc payload", "00614141123456789", '0', false},
		{"single digit", "1", '7', false},
		{"empty", "", 0, true},
		{"letter", "12a", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckDigit(tt.in)
			if (err != nil) != tt.err || got != tt.want {
				t.Errorf("CheckDigit(%q) = %q, %v", tt.in, got, err)
			}
			if !tt.err && !ValidMod10(tt.in+string(tt.want)) {
				t.Errorf("ValidMod10(%q) = false", tt.in+string(tt.want))
			}
		})
	}
	for _, bad := range []string{"", "0", "40063813339311", "4006381333932", "abc"} {
		if ValidMod10(bad) {
			t.Errorf("ValidMod10(%q) = true", bad)
		}
	}
}

func TestParseGLNAndSSCC(t *testing.T) {
	tests := []struct {
		name, in, err string
		parse         func(string) (string, error)
	}{
		{"gln ok", "9520123456788", "", parseGLNString},
		{"gln check", "9520123456789", "check digit should be 8, got 9", parseGLNString},
		{"gln length", "952012345678", "must be 13 digits", parseGLNString},
		{"sscc ok", "006141411234567890", "", parseSSCCString},
		{"sscc check", "006141411234567891", "check digit should be 0, got 1", parseSSCCString},
		{"sscc letters", "00614141123456789X", "digits only", parseSSCCString},
		{"sscc gtin-length", "4006381333931", "must be 18 digits", parseSSCCString},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.parse(tt.in)
			wantErr(t, err, tt.err)
			if err == nil && got != tt.in {
				t.Errorf("String() = %q", got)
			}
		})
	}
}

func parseGLNString(s string) (string, error)  { v, err := ParseGLN(s); return v.String(), err }
func parseSSCCString(s string) (string, error) { v, err := ParseSSCC(s); return v.String(), err }

func TestParseUSCC(t *testing.T) {
	tests := []struct {
		name, in, want, err string
	}{
		{name: "fujian enterprise", in: "91350100M000100Y43", want: "91350100M000100Y43"},
		{name: "beijing enterprise", in: "91110000802100433B", want: "91110000802100433B"},
		{name: "lower case accepted", in: "91350100m000100y43", want: "91350100M000100Y43"},
		{name: "wrong check char", in: "91350100M000100Y44", err: "check character should be 3, got 4"},
		{name: "forbidden letter I", in: "91350100M000100I43", err: `"I" at position 16 is not allowed`},
		{name: "forbidden letter O", in: "9135010OM000100Y43", err: "position 8"},
		{name: "forbidden check Z", in: "91350100M000100Y4Z", err: "position 18"},
		{name: "forbidden S V", in: "91350100S000100V43", err: "position 9"},
		{name: "too short", in: "91350100M000100Y4", err: "must be 18 characters, got 17"},
		{name: "unassigned authority", in: "B1350100M000100Y43", err: "registration authority"},
		{name: "category zero", in: "90350100M000100Y43", err: "category code"},
		{name: "division letters", in: "9135A100M000100Y43", err: "administrative division"},
		{name: "non-ascii", in: "91350100M000100Y4ſ", err: "must be 18 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := ParseUSCC(tt.in)
			wantErr(t, err, tt.err)
			if err == nil && u.String() != tt.want {
				t.Errorf("String() = %q, want %q", u, tt.want)
			}
		})
	}
}

func TestNewUSCC(t *testing.T) {
	u, err := NewUSCC("91350100M000100Y4")
	wantErr(t, err, "")
	if u.String() != "91350100M000100Y43" || u.AdminDivision() != "350100" {
		t.Errorf("NewUSCC = %q (division %q)", u, u.AdminDivision())
	}
	c, err := USCCCheckChar("91110000802100433")
	if err != nil || c != 'B' {
		t.Errorf("USCCCheckChar = %q, %v", c, err)
	}
	_, err = NewUSCC("91350100M000100Y")
	wantErr(t, err, "must be 17 characters")
	_, err = NewUSCC("91350100M000100I4")
	wantErr(t, err, "not allowed")
}

func TestLotAndSerial(t *testing.T) {
	tests := []struct {
		name, in, err string
	}{
		{name: "simple", in: "ABC123"},
		{name: "all punctuation of set 82", in: `!"%&'()*+,-./:;<=>?_`},
		{name: "lower case", in: "abc-xyz"},
		{name: "20 chars", in: strings.Repeat("9", 20)},
		{name: "21 chars", in: strings.Repeat("9", 21), err: "at most 20 characters, got 21"},
		{name: "empty", in: "", err: "must not be empty"},
		{name: "space", in: "AB 12", err: `" " at position 3 is not in GS1 character set 82`},
		{name: "hash", in: "AB#1", err: `"#"`},
		{name: "caret", in: "A^B", err: "character set 82"},
		{name: "chinese", in: "批次1", err: "character set 82"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseLot(tt.in)
			wantErr(t, err, tt.err)
			s, err2 := ParseSerial(tt.in)
			wantErr(t, err2, tt.err)
			if err == nil && (l.String() != tt.in || s.String() != tt.in) {
				t.Errorf("got %q / %q", l, s)
			}
		})
	}
}

func TestParseCountry(t *testing.T) {
	tests := []struct {
		name, in, want, numeric, err string
		china                        bool
	}{
		{name: "china", in: "CN", want: "CN", numeric: "156", china: true},
		{name: "lower case", in: "de", want: "DE", numeric: "276"},
		{name: "mixed", in: "jP", want: "JP", numeric: "392"},
		{name: "south sudan", in: "SS", want: "SS", numeric: "728"},
		{name: "kosovo not official", in: "XK", err: "not an officially assigned"},
		{name: "uk reserved", in: "UK", err: "not an officially assigned"},
		{name: "alpha-3", in: "CHN", err: "must be a 2-letter"},
		{name: "empty", in: "", err: "must be a 2-letter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseCountry(tt.in)
			wantErr(t, err, tt.err)
			if err == nil && (c.String() != tt.want || c.Numeric() != tt.numeric || c.IsChina() != tt.china) {
				t.Errorf("got %s %s %v", c, c.Numeric(), c.IsChina())
			}
		})
	}
	if len(countries) != 249 {
		t.Errorf("country table has %d codes, ISO 3166-1 assigns 249", len(countries))
	}
}

func TestNewQuantity(t *testing.T) {
	tests := []struct {
		name string
		in   int64
		err  string
	}{
		{name: "one", in: 1},
		{name: "cap", in: MaxQuantity},
		{name: "zero", in: 0, err: "must be positive"},
		{name: "negative", in: -5, err: "must be positive"},
		{name: "above cap", in: MaxQuantity + 1, err: "at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := NewQuantity(tt.in)
			wantErr(t, err, tt.err)
			if err == nil && q.Int64() != tt.in {
				t.Errorf("Int64() = %d", q.Int64())
			}
		})
	}
}

func TestCustomsNumbers(t *testing.T) {
	tests := []struct {
		name, in, err string
		parse         func(string) error
	}{
		{"declaration ok", "223420241000123456", "", parseDecl},
		{"declaration 17", "22342024100012345", "must be 18 digits, got 17", parseDecl},
		{"declaration letter", "22342024100012345X", "digits only", parseDecl},
		{"hs 6", "847130", "", parseHS},
		{"hs 10", "8471300000", "", parseHS},
		{"hs 5", "84713", "6 to 10 digits, got 5", parseHS},
		{"hs 11", "84713000001", "got 11", parseHS},
		{"hs dotted", "8471.30", "digits only", parseHS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantErr(t, tt.parse(tt.in), tt.err) })
	}
}

func parseDecl(s string) error { _, err := ParseDeclarationNo(s); return err }
func parseHS(s string) error   { _, err := ParseHSCode(s); return err }
