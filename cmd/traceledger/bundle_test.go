package main

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// An item's bundle downloaded from the API verifies offline with the CLI
// and nothing but the verifier key.
func TestBundleFromTheAPIVerifiesOffline(t *testing.T) {
	l := startLedger(t)
	it := newDomesticItem(t, l)
	reg, code := it.reg, it.code
	sold := l.must("/api/v1/sales", it.tok, map[string]any{"seller_uscc": it.maker, "channel": "门店零售", "items": []string{code}})

	// Wait for a checkpoint that covers the sale.
	deadline := time.Now().Add(20 * time.Second)
	var head answer
	for {
		head = l.do("GET", "/api/v1/ledger/head", "", nil)
		if size, _ := head.body["tree_size"].(float64); head.status == 200 && sold.position != "" && size >= mustFloat(t, sold.position) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no checkpoint covers position %s: %s", sold.position, head.raw)
		}
		time.Sleep(100 * time.Millisecond)
	}
	bundle := l.getRaw("/api/v1/items/"+url.PathEscape(code)+"/bundle", reg)
	file := filepath.Join(t.TempDir(), "bundle.json")
	if err := os.WriteFile(file, bundle, 0o644); err != nil {
		t.Fatal(err)
	}
	key := head.body["verifier_key"].(string)
	if code, stdout, stderr := runArgs(t, nil, "verify", "--bundle", file, "--key", key); code != exitOK {
		t.Fatalf("verify --bundle = %d\n%s\n%s", code, stdout, stderr)
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	var f float64
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("%q is not a position", s)
		}
		f = f*10 + float64(c-'0')
	}
	return f
}
