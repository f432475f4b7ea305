package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/access"
)

// TestAnItemCodeWithoutItsLotNamesNoLotTheCallerMayNotSee: an SGTIN names no
// lot; when two lots carry the serial, an enterprise that held neither gets
// the answer of an unknown item, not a list of another's lot numbers.
func TestAnItemCodeWithoutItsLotNamesNoLotTheCallerMayNotSee(t *testing.T) {
	l := startLedger(t)
	it := newImportedItem(t, l)
	today := time.Now()
	l.must("/api/v1/batches", it.tok, map[string]any{"gtin": it.gtin, "lot": "OAT2", "quantity": 5, "produced_on": today.AddDate(0, 0, -2).Format(time.DateOnly),
		"expires_on": today.AddDate(0, 9, 0).Format(time.DateOnly), "owner_uscc": it.importer})
	a := l.must("/api/v1/labels", it.tok, map[string]any{"gtin": it.gtin, "lot": "OAT2", "owner_uscc": it.importer, "serials": []string{"A1"}})
	stranger := newUSCC(t, "91110105MA00HT100")
	l.must("/api/v1/enterprises", it.reg, map[string]any{"uscc": stranger, "name": "北京某商贸有限公司", "region": "北京", "roles": []string{"retailer"}})
	path := "/api/v1/items/01/" + it.gtin + "/21/A1/history" + a.after()
	if got := l.do("GET", path, it.reg, nil); got.status != http.StatusConflict || !strings.Contains(got.raw, "OAT2") {
		t.Fatalf("a regulator asking by SGTIN = %d %s, want 409 naming both lots", got.status, got.raw)
	}
	got := l.do("GET", path, l.token(access.RoleEnterprise, stranger), nil)
	if got.status != http.StatusNotFound || strings.Contains(got.raw, "OAT") {
		t.Errorf("a stranger asking by SGTIN = %d %s, want 404 naming no lot", got.status, got.raw)
	}
}

// TestAdminTokensReadNothingButTokens: an admin manages tokens; customs
// declarations, histories and recalls are refused to it.
func TestAdminTokensReadNothingButTokens(t *testing.T) {
	l := startLedger(t)
	newImportedItem(t, l)
	adm := l.token(access.RoleAdmin, "")
	for _, p := range []string{"/api/v1/customs/declarations/222920261000004321", "/api/v1/recalls", "/api/v1/alerts", "/api/v1/events"} {
		if got := l.do("GET", p, adm, nil); got.status != http.StatusForbidden {
			t.Errorf("admin GET %s = %d, want 403", p, got.status)
		}
	}
	if got := l.do("GET", "/api/v1/admin/tokens", adm, nil); got.status != http.StatusOK {
		t.Errorf("admin GET /api/v1/admin/tokens = %d, want 200", got.status)
	}
}

// TestOnlyTheProductsOwnerOrAnImporterItAuthorisedActsForIt: another
// importer can neither register batches of a product it does not own (so
// it cannot squat the owner's lot names), nor notify its barcode data, nor
// authorise itself; once the owner authorises it, it registers batches,
// until the owner revokes the authorisation. Refusals append nothing.
func TestOnlyTheProductsOwnerOrAnImporterItAuthorisedActsForIt(t *testing.T) {
	l := startLedger(t)
	it := newImportedItem(t, l)
	other := newUSCC(t, "91440101MA59KB800")
	l.must("/api/v1/enterprises", it.reg, map[string]any{"uscc": other, "name": "广州天河进口食品有限公司", "region": "广东广州", "roles": []string{"importer", "retailer"}})
	tok := l.token(access.RoleEnterprise, other)
	today := time.Now()
	batch := func(lot string) map[string]any {
		return map[string]any{"gtin": it.gtin, "lot": lot, "quantity": 5, "produced_on": today.AddDate(0, 0, -1).Format(time.DateOnly),
			"expires_on": today.AddDate(0, 6, 0).Format(time.DateOnly), "owner_uscc": other}
	}
	l.refused("/api/v1/batches", tok, batch("SQUAT1"), http.StatusForbidden, "owner_uscc")
	l.refused("/api/v1/products/"+it.gtin+"/notifications", tok, map[string]any{"notifier_uscc": other}, http.StatusForbidden, "notifier_uscc")
	l.refused("/api/v1/products/"+it.gtin+"/authorisations", tok, map[string]any{"importer_uscc": other}, http.StatusForbidden, "gtin")
	if got := l.do("GET", "/api/v1/products/"+it.gtin+"/history", tok, nil); got.status != http.StatusNotFound {
		t.Errorf("another importer reads the product's history: %d, want 404", got.status)
	}

	l.must("/api/v1/products/"+it.gtin+"/authorisations", it.tok, map[string]any{"importer_uscc": other})
	l.must("/api/v1/batches", tok, batch("GZ1"))
	l.must("/api/v1/products/"+it.gtin+"/authorisations/"+other+"/revocation", it.tok, nil)
	l.refused("/api/v1/batches", tok, batch("GZ2"), http.StatusForbidden, "owner_uscc")
}
