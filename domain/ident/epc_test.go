package ident

import "testing"

func TestSGTINKnownIdentity(t *testing.T) {
	const urn, dl = "urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017"
	s, err := ParseSGTIN(urn)
	wantErr(t, err, "")
	if s.GTIN().String() != "10614141073464" || s.Serial().String() != "2017" || s.CompanyPrefix() != "0614141" {
		t.Errorf("parsed %s: gtin %s serial %s", s, s.GTIN(), s.Serial())
	}
	if got := s.DigitalLink(""); got != dl {
		t.Errorf("DigitalLink = %q, want %q", got, dl)
	}
	back, err := SGTINFromDigitalLink(dl, 7)
	wantErr(t, err, "")
	if back != s || back.String() != urn {
		t.Errorf("SGTINFromDigitalLink = %q, want %q", back, urn)
	}
}

func TestLGTINKnownIdentity(t *testing.T) {
	const urn, dl = "urn:epc:class:lgtin:4012345.012345.998877", "https://id.gs1.org/01/04012345123456/10/998877"
	l, err := ParseLGTIN(urn)
	wantErr(t, err, "")
	if got := l.DigitalLink(DefaultStem + "/"); got != dl {
		t.Errorf("DigitalLink = %q, want %q", got, dl)
	}
	back, err := LGTINFromDigitalLink(dl, 7)
	wantErr(t, err, "")
	if back != l || back.String() != urn || back.Lot().String() != "998877" {
		t.Errorf("LGTINFromDigitalLink = %q, want %q", back, urn)
	}
}

func TestParseSGTIN(t *testing.T) {
	tests := []struct {
		name, in, serial, canonical, err string
	}{
		{name: "escaped serial", in: "urn:epc:id:sgtin:0614141.107346.A%2FB%25C%22%26%3C%3E%3F", serial: `A/B%C"&<>?`},
		{name: "lower-case hex escape", in: "urn:epc:id:sgtin:0614141.107346.A%2fB", serial: "A/B", canonical: "urn:epc:id:sgtin:0614141.107346.A%2FB"},
		{name: "literal punctuation", in: "urn:epc:id:sgtin:0614141.107346.!'()*+,-.:;=_", serial: "!'()*+,-.:;=_"},
		{name: "unneeded escape normalised", in: "urn:epc:id:sgtin:0614141.107346.%41", serial: "A", canonical: "urn:epc:id:sgtin:0614141.107346.A"},
		{name: "prefix case-insensitive", in: "URN:EPC:ID:SGTIN:0614141.107346.1", serial: "1", canonical: "urn:epc:id:sgtin:0614141.107346.1"},
		{name: "12-digit prefix", in: "urn:epc:id:sgtin:061414100000.1.1", serial: "1"},
		{name: "6-digit prefix", in: "urn:epc:id:sgtin:061414.1000000.1", serial: "1"},
		{name: "raw slash", in: "urn:epc:id:sgtin:0614141.107346.A/B", err: "must be %-escaped"},
		{name: "bad escape", in: "urn:epc:id:sgtin:0614141.107346.A%2", err: "malformed %-escape"},
		{name: "escape outside set 82", in: "urn:epc:id:sgtin:0614141.107346.A%20", err: "not a GS1 character set 82"},
		{name: "empty serial", in: "urn:epc:id:sgtin:0614141.107346.", err: "must not be empty"},
		{name: "serial too long", in: "urn:epc:id:sgtin:0614141.107346.123456789012345678901", err: "at most 20"},
		{name: "13 digits wrong", in: "urn:epc:id:sgtin:0614141.10734.1", err: "making 13"},
		{name: "5-digit prefix", in: "urn:epc:id:sgtin:06141.41073464.1", err: "6 to 12 digits"},
		{name: "13-digit prefix", in: "urn:epc:id:sgtin:0614141073464..1", err: "6 to 12 digits"},
		{name: "missing part", in: "urn:epc:id:sgtin:0614141.107346", err: "must be urn:epc:id:sgtin:"},
		{name: "wrong scheme", in: "urn:epc:id:sscc:0614141.1234567890", err: "must start with"},
		{name: "letters in item ref", in: "urn:epc:id:sgtin:0614141.1073A6.1", err: "making 13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSGTIN(tt.in)
			wantErr(t, err, tt.err)
			if err != nil {
				return
			}
			if s.Serial().String() != tt.serial {
				t.Errorf("serial = %q, want %q", s.Serial(), tt.serial)
			}
			want := tt.canonical
			if want == "" {
				want = tt.in
			}
			if s.String() != want {
				t.Errorf("String() = %q, want %q", s, want)
			}
			again, err := ParseSGTIN(s.String())
			if err != nil || again != s {
				t.Errorf("re-parse: %v %v", again, err)
			}
		})
	}
}

func TestNewSGTIN(t *testing.T) {
	g, _ := ParseGTIN("10614141073464")
	ser, _ := ParseSerial("2017")
	tests := []struct {
		name   string
		cpLen  int
		serial Serial
		want   string
		err    string
	}{
		{name: "7-digit prefix", cpLen: 7, serial: ser, want: "urn:epc:id:sgtin:0614141.107346.2017"},
		{name: "12-digit prefix", cpLen: 12, serial: ser, want: "urn:epc:id:sgtin:061414107346.1.2017"},
		{name: "prefix too short", cpLen: 5, serial: ser, err: "6 to 12"},
		{name: "prefix too long", cpLen: 13, serial: ser, err: "6 to 12"},
		{name: "no serial", cpLen: 7, err: "serial is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSGTIN(g, tt.serial, tt.cpLen)
			wantErr(t, err, tt.err)
			if err == nil && (s.String() != tt.want || s.GTIN() != g) {
				t.Errorf("got %q (gtin %s), want %q", s, s.GTIN(), tt.want)
			}
		})
	}
	if _, err := NewSGTIN(GTIN{}, ser, 7); err == nil {
		t.Error("NewSGTIN accepted a zero GTIN")
	}
}

func TestSGTINFromDigitalLinkRefuses(t *testing.T) {
	tests := []struct{ name, uri, err string }{
		{"no serial", "https://id.gs1.org/01/10614141073464/10/ABC", "must carry (01) and (21)"},
		{"not a key", "https://id.gs1.org/00/006141411234567890", "must carry (01) and (21)"},
		{"bad uri", "ftp://x/01/10614141073464/21/1", "scheme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := SGTINFromDigitalLink(tt.uri, 7)
			wantErr(t, err, tt.err)
		})
	}
}
