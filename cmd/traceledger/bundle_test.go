package main

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/command"
)

// An item's bundle downloaded from the API verifies offline with the CLI
// and nothing but the verifier key.
func TestBundleFromTheAPIVerifiesOffline(t *testing.T) {
	l := startLedger(t)
	reg := l.token(command.RoleRegulator, "")
	maker := newUSCC(t, "91320100MA1MXY000")
	l.must("/api/v1/enterprises", reg, map[string]any{"uscc": maker, "name": "南京金陵食品有限公司", "region": "江苏南京", "roles": []string{"manufacturer", "retailer"}})
	tok := l.token(command.RoleEnterprise, maker)
	const gtin = "6901234567892"
	l.must("/api/v1/products", tok, map[string]any{"gtin": gtin, "name": "盐水鸭", "brand": "金陵", "spec": "500g", "category": "熟食",
		"origin_country": "CN", "manufacturer": "南京金陵食品有限公司", "owner_uscc": maker, "shelf_life_days": 30})
	l.must("/api/v1/batches", tok, map[string]any{"gtin": gtin, "lot": "B1", "quantity": 10, "produced_on": "2026-11-20", "expires_on": "2026-12-20", "owner_uscc": maker})
	l.must("/api/v1/labels", tok, map[string]any{"gtin": gtin, "lot": "B1", "owner_uscc": maker, "serials": []string{"S1"}})
	code := "/01/0" + gtin + "/10/B1/21/S1"
	sold := l.must("/api/v1/sales", tok, map[string]any{"seller_uscc": maker, "channel": "门店零售", "items": []string{code}})

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
