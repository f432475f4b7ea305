package ident

import (
	"errors"
	"testing"
)

// optionsFromByte spreads the fuzzer's byte over the four ParseOptions.
func optionsFromByte(b byte) ParseOptions {
	return ParseOptions{
		PermitConvenienceAlphas:  b&1 != 0,
		PermitZeroSuppressedGTIN: b&2 != 0,
		PermitUnknownAIs:         b&4 != 0,
		PermitQualifiersInQuery:  b&8 != 0,
	}
}

func FuzzParseDigitalLink(f *testing.F) {
	for _, v := range loadVectors[parseVector](f, "digitallink_parse.json") {
		f.Add(v.URI, byte(0))
		f.Add(v.URI, byte(15))
	}
	for _, v := range loadVectors[generateVector](f, "digitallink_generate.json") {
		f.Add(v.URI, byte(4))
	}
	f.Fuzz(func(t *testing.T, uri string, ob byte) {
		opts := optionsFromByte(ob)
		dl, err := ParseDigitalLink(uri, opts)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		es := dl.ElementString()
		if len(dl.Primary) == 0 || es == "" || es[0] != '^' {
			t.Fatalf("accepted %q with no primary key (%q)", uri, es)
		}
		// Re-serialising gives a URI that parses to the same AIs.
		again, err := ParseDigitalLink(dl.String(), opts)
		if err != nil {
			t.Fatalf("re-parse of %q (from %q): %v", dl.String(), uri, err)
		}
		if again.ElementString() != es || again.Stem != dl.Stem {
			t.Fatalf("round trip %q -> %q: %q != %q", uri, dl.String(), again.ElementString(), es)
		}
		// The bracketed form parses back to the same AIs.
		ais, err := opts.ParseElementString(dl.BracketedElementString())
		if err != nil || len(ais) != len(dl.AIs()) {
			t.Fatalf("bracketed %q: %v, %v", dl.BracketedElementString(), ais, err)
		}
		for i, v := range ais {
			if v != dl.AIs()[i] {
				t.Fatalf("bracketed round trip: %v != %v", v, dl.AIs()[i])
			}
		}
	})
}

func FuzzFormatDigitalLink(f *testing.F) {
	for _, v := range loadVectors[generateVector](f, "digitallink_generate.json") {
		f.Add(v.AI, byte(0))
		f.Add(v.AI, byte(4))
	}
	f.Fuzz(func(t *testing.T, es string, ob byte) {
		opts := optionsFromByte(ob)
		ais, err := opts.ParseElementString(es)
		if err != nil {
			return
		}
		uri, err := opts.FormatDigitalLink("", ais)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		dl, err := ParseDigitalLink(uri, opts)
		if err != nil {
			t.Fatalf("generated %q from %q does not parse: %v", uri, es, err)
		}
		want, _, _ := opts.checkAIs(ais)
		if got := sortedAIs(dl.AIs()); len(got) != len(want) {
			t.Fatalf("%q -> %q lost AIs: %v vs %v", es, uri, got, want)
		}
	})
}

func FuzzParseGTIN(f *testing.F) {
	for _, s := range []string{"4006381333931", "10614141073464", "036000291452", "96385074", "4006381333932", "", "00000000", "1234567890123x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseGTIN(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) || !g.IsZero() {
				t.Fatalf("bad failure: %v", err)
			}
			return
		}
		if len(g.String()) != 14 || !ValidMod10(g.String()) {
			t.Fatalf("ParseGTIN(%q) = %q", s, g)
		}
		for _, form := range []string{g.String(), g.Short()} {
			if again, err := ParseGTIN(form); err != nil || again != g {
				t.Fatalf("re-parse %q: %v %v", form, again, err)
			}
		}
	})
}

func FuzzParseUSCC(f *testing.F) {
	for _, s := range []string{"91350100M000100Y43", "91110000802100433B", "91350100m000100y43", "91350100M000100Y44", "", "9135010OM000100Y43"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseUSCC(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if again, err := ParseUSCC(u.String()); err != nil || again != u {
			t.Fatalf("re-parse %q: %v", u, err)
		}
		if minted, err := NewUSCC(u.String()[:17]); err != nil || minted != u {
			t.Fatalf("NewUSCC(%q) = %q, %v", u.String()[:17], minted, err)
		}
	})
}

func FuzzParseItemCode(f *testing.F) {
	for _, s := range []string{
		"https://id.gs1.org/01/10614141073464/10/L1/21/2017", "/01/06901234567892/10/A%2FB/21/X+Y%25",
		"urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sgtin:0614141.107346.A%2FB",
		"https://a/01/6901234567892/21/S?17=261231", "/01/06901234567892/21/%25%2",
	} {
		f.Add(s)
	}
	for _, v := range loadVectors[parseVector](f, "digitallink_parse.json") {
		f.Add(v.URI)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseItemCode(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if c.GTIN.IsZero() || c.Serial.IsZero() {
			t.Fatalf("ParseItemCode(%q) = %+v without GTIN or serial", s, c)
		}
		for _, form := range []string{c.Path(), c.DigitalLink(""), c.DigitalLink("https://trace.example.cn/x")} {
			if again, err := ParseItemCode(form); err != nil || again != c {
				t.Fatalf("%q -> %q -> %+v, %v; want %+v", s, form, again, err, c)
			}
		}
		e, err := c.SGTIN(9)
		if err != nil {
			t.Fatalf("SGTIN: %v", err)
		}
		if again, err := ParseItemCode(e.String()); err != nil || again.GTIN != c.GTIN || again.Serial != c.Serial {
			t.Fatalf("via %q: %+v, %v", e, again, err)
		}
	})
}

func FuzzParseSGTIN(f *testing.F) {
	for _, s := range []string{"urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sgtin:061414100000.1.A%2FB",
		"urn:epc:id:sgtin:061414.1000000.!'()*+,-.:;=_", "URN:EPC:ID:SGTIN:0614141.107346.%41", "urn:epc:id:sgtin:0614141.107346."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseSGTIN(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if again, err := ParseSGTIN(e.String()); err != nil || again != e {
			t.Fatalf("%q -> %q -> %v, %v", s, e, again, err)
		}
		back, err := SGTINFromDigitalLink(e.DigitalLink("https://example.com"), len(e.CompanyPrefix()))
		if err != nil || back != e {
			t.Fatalf("via Digital Link %q: %q, %v", e.DigitalLink(""), back, err)
		}
		if !ValidMod10(e.GTIN().String()) {
			t.Fatalf("GTIN %q invalid", e.GTIN())
		}
	})
}
