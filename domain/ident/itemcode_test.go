package ident

import "testing"

func TestParseItemCode(t *testing.T) {
	tests := []struct {
		name, in                string
		gtin, lot, serial, path string
		err                     string
	}{
		{name: "full digital link", in: "https://trace.example.cn/01/06901234567892/10/L2024/21/0001",
			gtin: "06901234567892", lot: "L2024", serial: "0001", path: "/01/06901234567892/10/L2024/21/0001"},
		{name: "path only", in: "/01/06901234567892/10/L2024/21/0001",
			gtin: "06901234567892", lot: "L2024", serial: "0001", path: "/01/06901234567892/10/L2024/21/0001"},
		{name: "sgtin", in: "urn:epc:id:sgtin:0614141.107346.2017",
			gtin: "10614141073464", serial: "2017", path: "/01/10614141073464/21/2017"},
		{name: "no lot", in: "https://id.gs1.org/01/10614141073464/21/2017",
			gtin: "10614141073464", serial: "2017", path: "/01/10614141073464/21/2017"},
		{name: "zero-suppressed gtin-13", in: "https://a.example/01/6901234567892/10/L/21/S",
			gtin: "06901234567892", lot: "L", serial: "S", path: "/01/06901234567892/10/L/21/S"},
		{name: "escapes", in: "/01/06901234567892/10/A%2FB/21/X+Y%25",
			gtin: "06901234567892", lot: "A/B", serial: "X+Y%", path: "/01/06901234567892/10/A%2FB/21/X%2BY%25"},
		{name: "attributes and cpv ignored", in: "https://r.example/01/06901234567892/22/V1/10/L/21/S?17=261231",
			gtin: "06901234567892", lot: "L", serial: "S", path: "/01/06901234567892/10/L/21/S"},
		{name: "resolver prefix path kept out", in: "https://r.example/qr/v1/01/06901234567892/10/L/21/S",
			gtin: "06901234567892", lot: "L", serial: "S", path: "/01/06901234567892/10/L/21/S"},
		{name: "batch only", in: "/01/06901234567892/10/L2024", err: "must carry a GTIN (01) and a serial (21)"},
		{name: "sscc", in: "https://id.gs1.org/00/006141411234567890", err: "must carry a GTIN (01)"},
		{name: "wrong order", in: "/01/06901234567892/21/S/10/L", err: "not a Digital Link path"},
		{name: "bad check digit", in: "/01/06901234567893/21/S", err: "check digit should be 2, got 3"},
		{name: "all-zero gtin", in: "/01/00000000000000/21/S", err: "all zeros"},
		{name: "bad sgtin", in: "urn:epc:id:sgtin:0614141.107346.", err: "must not be empty"},
		{name: "garbage", in: "hello", err: "scheme"},
		{name: "empty", in: "", err: "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseItemCode(tt.in)
			wantErr(t, err, tt.err)
			if err != nil {
				return
			}
			if c.GTIN.String() != tt.gtin || c.Lot.String() != tt.lot || c.Serial.String() != tt.serial {
				t.Errorf("got %s / %q / %q", c.GTIN, c.Lot, c.Serial)
			}
			if c.Path() != tt.path || c.String() != tt.path {
				t.Errorf("Path() = %q, want %q", c.Path(), tt.path)
			}
			assertItemCodeRoundTrips(t, c)
		})
	}
}

// assertItemCodeRoundTrips checks DL <-> path <-> SGTIN for c.
func assertItemCodeRoundTrips(t *testing.T, c ItemCode) {
	t.Helper()
	for _, s := range []string{c.Path(), c.DigitalLink(""), c.DigitalLink("https://trace.example.cn/"), c.DigitalLink("http://[2001:db8::1]:8080/qr")} {
		back, err := ParseItemCode(s)
		if err != nil || back != c {
			t.Errorf("ParseItemCode(%q) = %+v, %v; want %+v", s, back, err, c)
		}
	}
	e, err := c.SGTIN(7)
	if err != nil {
		t.Fatalf("SGTIN: %v", err)
	}
	back, err := ParseItemCode(e.String())
	if err != nil || back.GTIN != c.GTIN || back.Serial != c.Serial || !back.Lot.IsZero() {
		t.Errorf("via SGTIN %q: %+v, %v", e, back, err)
	}
}

func TestItemCodeDigitalLink(t *testing.T) {
	g, _ := ParseGTIN("6901234567892")
	l, _ := ParseLot("B+1")
	s, _ := ParseSerial("Z&9")
	c := ItemCode{GTIN: g, Lot: l, Serial: s}
	if got, want := c.DigitalLink("https://trace.example.cn"), "https://trace.example.cn/01/06901234567892/10/B%2B1/21/Z%269"; got != want {
		t.Errorf("DigitalLink = %q, want %q", got, want)
	}
	if !(ItemCode{}).IsZero() || c.IsZero() || (ItemCode{}).String() != "" {
		t.Error("IsZero/String of zero ItemCode wrong")
	}
}
