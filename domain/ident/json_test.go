package ident

import (
	"encoding/json"
	"errors"
	"testing"
)

// record is an event-like struct carrying every value type.
type record struct {
	GTIN     GTIN          `json:"gtin"`
	Lot      Lot           `json:"lot"`
	Serial   Serial        `json:"serial"`
	USCC     USCC          `json:"uscc"`
	GLN      GLN           `json:"gln"`
	SSCC     SSCC          `json:"sscc"`
	Country  Country       `json:"country"`
	Quantity Quantity      `json:"quantity"`
	Decl     DeclarationNo `json:"decl"`
	HS       HSCode        `json:"hs"`
	Item     ItemCode      `json:"item"`
	SGTIN    SGTIN         `json:"sgtin"`
	LGTIN    LGTIN         `json:"lgtin"`
}

func TestJSONRoundTrip(t *testing.T) {
	full := `{"gtin":"06901234567892","lot":"L2024-01","serial":"S/001","uscc":"91350100M000100Y43",` +
		`"gln":"9520123456788","sscc":"006141411234567890","country":"CN","quantity":120,` +
		`"decl":"223420241000123456","hs":"8471300000","item":"/01/06901234567892/10/L2024-01/21/S%2F001",` +
		`"sgtin":"urn:epc:id:sgtin:0614141.107346.2017","lgtin":"urn:epc:class:lgtin:4012345.012345.998877"}`
	empty := `{"gtin":"","lot":"","serial":"","uscc":"","gln":"","sscc":"","country":"","quantity":null,` +
		`"decl":"","hs":"","item":"","sgtin":"","lgtin":""}`
	for name, in := range map[string]string{"full": full, "zero values": empty} {
		t.Run(name, func(t *testing.T) {
			var r record
			if err := json.Unmarshal([]byte(in), &r); err != nil {
				t.Fatal(err)
			}
			out, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != in {
				t.Errorf("round trip:\n got %s\nwant %s", out, in)
			}
		})
	}
}

func TestJSONRefusesInvalid(t *testing.T) {
	tests := []struct{ name, in string }{
		{"gtin check digit", `{"gtin":"4006381333932"}`},
		{"gtin as number", `{"gtin":4006381333931}`},
		{"lot too long", `{"lot":"123456789012345678901"}`},
		{"uscc", `{"uscc":"91350100M000100Y44"}`},
		{"country", `{"country":"XX"}`},
		{"quantity zero", `{"quantity":0}`},
		{"quantity negative", `{"quantity":-1}`},
		{"quantity fraction", `{"quantity":1.5}`},
		{"quantity string", `{"quantity":"5"}`},
		{"item without serial", `{"item":"/01/06901234567892/10/L1"}`},
		{"sgtin bad prefix length", `{"sgtin":"urn:epc:id:sgtin:06141.4107346.2017"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r record
			err := json.Unmarshal([]byte(tt.in), &r)
			if err == nil {
				t.Fatalf("accepted %s", tt.in)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
		})
	}
}

func TestTextRoundTrip(t *testing.T) {
	g, _ := ParseGTIN("96385074")
	b, _ := g.MarshalText()
	var g2 GTIN
	if err := g2.UnmarshalText(b); err != nil || g2 != g {
		t.Errorf("GTIN text round trip: %v %v", g2, err)
	}
	q, _ := NewQuantity(42)
	b, _ = q.MarshalText()
	var q2 Quantity
	if err := q2.UnmarshalText(b); err != nil || q2 != q {
		t.Errorf("Quantity text round trip: %v %v", q2, err)
	}
	if err := q2.UnmarshalText([]byte("x")); !errors.Is(err, ErrInvalid) {
		t.Errorf("Quantity accepted x: %v", err)
	}
}
