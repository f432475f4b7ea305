package ident

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"
)

// Engine options that flip a vector's outcome. The vectors come from
// gs1/gs1-syntax-engine's unit tests, which toggle options between cases;
// see testdata/gs1/POLICY.md.
var (
	strict      = ParseOptions{}
	alphas      = ParseOptions{PermitConvenienceAlphas: true}
	zeroSupp    = ParseOptions{PermitZeroSuppressedGTIN: true}
	unknownAIs  = ParseOptions{PermitUnknownAIs: true}
	engineLabel = map[ParseOptions]string{strict: "strict", alphas: "alphas", zeroSupp: "zero-suppressed", unknownAIs: "unknown-AIs"}
)

// parseVectorOptions maps a vector's index in digitallink_parse.json to the
// options under which the engine's test expects its outcome. Unlisted
// vectors run strict (the engine's defaults).
var parseVectorOptions = map[int]ParseOptions{
	37: alphas, 38: alphas, 39: alphas, // convenience alphas; 36 is the same URI, strict
	40: alphas, 41: alphas, // "zzz" and "cps" are not alphas even when permitted
	42: zeroSupp, 44: zeroSupp, 46: zeroSupp, 48: zeroSupp, 50: zeroSupp, // 43, 45, ... strict
	84: zeroSupp, 85: zeroSupp, 91: zeroSupp, 93: zeroSupp, 95: zeroSupp, 97: zeroSupp,
	// 109 and 110 are strict. 111 is the engine with unknown AIs permitted
	// but its "unknown AI is not a DL attribute" check on; this package has
	// one switch for both, so 111 holds strict and 112 with PermitUnknownAIs.
	112: unknownAIs,
}

// generateVectorOptions does the same for digitallink_generate.json.
var generateVectorOptions = map[int]ParseOptions{
	19: unknownAIs, // 18 is the same input, strict
}

type parseVector struct {
	OK            bool   `json:"ok"`
	URI           string `json:"uri"`
	ElementString string `json:"elementString"`
}

type generateVector struct {
	OK   bool    `json:"ok"`
	Stem *string `json:"stem"`
	AI   string  `json:"ai"`
	URI  string  `json:"uri"`
}

func loadVectors[T any](t testing.TB, name string) []T {
	t.Helper()
	b, err := os.ReadFile("testdata/gs1/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var vs []T
	if err := json.Unmarshal(b, &vs); err != nil {
		t.Fatal(err)
	}
	return vs
}

func TestDigitalLinkParseVectors(t *testing.T) {
	for i, v := range loadVectors[parseVector](t, "digitallink_parse.json") {
		opts := parseVectorOptions[i]
		t.Run(fmt.Sprintf("%03d_%s_%s", i, engineLabel[opts], v.URI), func(t *testing.T) {
			dl, err := ParseDigitalLink(v.URI, opts)
			if !v.OK {
				if err == nil {
					t.Fatalf("ParseDigitalLink(%q) = %q, want refusal", v.URI, dl.ElementString())
				}
				if !errors.Is(err, ErrInvalid) {
					t.Errorf("error %v does not wrap ErrInvalid", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDigitalLink(%q): %v", v.URI, err)
			}
			if got := dl.ElementString(); got != v.ElementString {
				t.Errorf("ElementString() = %q, want %q", got, v.ElementString)
			}
			// A parsed link re-serialises to a URI that parses the same.
			again, err := ParseDigitalLink(dl.String(), opts)
			if err != nil || again.ElementString() != v.ElementString {
				t.Errorf("round trip via %q: %q, %v", dl.String(), again.ElementString(), err)
			}
		})
	}
}

func TestDigitalLinkGenerateVectors(t *testing.T) {
	for i, v := range loadVectors[generateVector](t, "digitallink_generate.json") {
		opts := generateVectorOptions[i]
		stem := ""
		if v.Stem != nil {
			stem = *v.Stem
		}
		t.Run(fmt.Sprintf("%02d_%s_%s", i, engineLabel[opts], v.AI), func(t *testing.T) {
			ais, err := opts.ParseElementString(v.AI)
			var uri string
			if err == nil {
				uri, err = opts.FormatDigitalLink(stem, ais)
			}
			if !v.OK {
				if err == nil {
					t.Fatalf("FormatDigitalLink(%q, %s) = %q, want refusal", stem, v.AI, uri)
				}
				if !errors.Is(err, ErrInvalid) {
					t.Errorf("error %v does not wrap ErrInvalid", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("FormatDigitalLink(%q, %s): %v", stem, v.AI, err)
			}
			if uri != v.URI {
				t.Errorf("FormatDigitalLink(%q, %s) = %q, want %q", stem, v.AI, uri, v.URI)
			}
			// The generated URI parses back to the same AIs.
			dl, err := ParseDigitalLink(uri, opts)
			if err != nil {
				t.Fatalf("ParseDigitalLink(%q): %v", uri, err)
			}
			want, _, _ := opts.checkAIs(ais)
			if got := sortedAIs(dl.AIs()); fmt.Sprint(got) != fmt.Sprint(sortedAIs(want)) {
				t.Errorf("parsed back %v, want %v", got, want)
			}
		})
	}
}
