package main

import (
	"net/http"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/access"
)

// importedItem is an importer that also retails, an imported product with
// an issued certificate, a released batch and one labelled item.
type importedItem struct {
	reg, tok, importer, gtin, code string
}

func newImportedItem(t *testing.T, l *ledger) importedItem {
	t.Helper()
	reg := l.token(access.RoleRegulator, "")
	imp := newUSCC(t, "91310000MA1FL1000")
	l.must("/api/v1/enterprises", reg, map[string]any{"uscc": imp, "name": "上海明辉进出口贸易有限公司", "region": "上海", "roles": []string{"importer", "retailer"}})
	tok := l.token(access.RoleEnterprise, imp)
	const gtin = "3760123456784"
	l.must("/api/v1/products", tok, map[string]any{"gtin": gtin, "name": "有机燕麦饮", "brand": "Oatly FR", "spec": "1L", "category": "乳制品",
		"origin_country": "FR", "manufacturer": "Boissons Bio SAS", "owner_uscc": imp, "shelf_life_days": 270})
	l.must("/api/v1/products/"+gtin+"/notifications", tok, map[string]any{"notifier_uscc": imp})
	l.must("/api/v1/products/"+gtin+"/verification", reg, map[string]any{"valid": true})
	today := time.Now()
	l.must("/api/v1/batches", tok, map[string]any{"gtin": gtin, "lot": "OAT1", "quantity": 10, "produced_on": today.AddDate(0, 0, -5).Format(time.DateOnly),
		"expires_on": today.AddDate(0, 9, 0).Format(time.DateOnly), "owner_uscc": imp})
	l.must("/api/v1/customs/declarations", tok, map[string]any{"declaration_no": "222920261000004321", "port": "上海洋山港", "importer_uscc": imp,
		"lines": []map[string]any{{"gtin": gtin, "lot": "OAT1", "quantity": 10, "hs_code": "2202999099", "origin_country": "FR"}}})
	l.must("/api/v1/customs/declarations/222920261000004321/release", reg, map[string]any{"decision": "released"})
	l.must("/api/v1/labels", tok, map[string]any{"gtin": gtin, "lot": "OAT1", "owner_uscc": imp, "serials": []string{"A1"}})
	return importedItem{reg: reg, tok: tok, importer: imp, gtin: "0" + gtin, code: "/01/0" + gtin + "/10/OAT1/21/A1"}
}

// TestBackdatedSaleCannotSellWhatARevocationForbids: once the certificate is
// revoked, a sale is refused, and claiming the sale happened an hour before
// the revocation changes nothing: the rules are judged by the ledger's
// clock, not by the client's occurred_at.
func TestBackdatedSaleCannotSellWhatARevocationForbids(t *testing.T) {
	l := startLedger(t)
	it := newImportedItem(t, l)
	l.must("/api/v1/products/"+it.gtin+"/certificate/revocation", it.reg, map[string]any{"reason": "通报数据与实际商品不一致"})
	sale := map[string]any{"seller_uscc": it.importer, "channel": "门店零售", "items": []string{it.code}}
	l.refused("/api/v1/sales", it.tok, sale, http.StatusConflict, "")
	sale["occurred_at"] = time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	l.refused("/api/v1/sales", it.tok, sale, http.StatusConflict, "")
}

// TestOccurredAtOutsideTheLedgersBoundsIsRefused: occurred_at is an
// attribute within bounds: not in the future beyond a few minutes, not
// before 2000, not with an offset no zone has, and not before the last
// event of the stream it is appended to. Each is a 400 naming occurred_at
// that appends nothing; a time within the bounds is recorded as sent.
func TestOccurredAtOutsideTheLedgersBoundsIsRefused(t *testing.T) {
	l := startLedger(t)
	it := newDomesticItem(t, l)
	sale := func(at string) map[string]any {
		return map[string]any{"seller_uscc": it.maker, "channel": "门店零售", "items": []string{it.code}, "occurred_at": at}
	}
	for name, at := range map[string]string{
		"year 1":                       "0001-01-01T00:00:00Z",
		"year 9999":                    "9999-12-31T23:59:59Z",
		"an hour ahead":                time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
		"before 2000":                  "1999-12-31T23:59:59Z",
		"offset +24:00":                time.Now().UTC().Format("2006-01-02T15:04:05") + "+24:00",
		"before the batch's labelling": time.Now().Add(-48 * time.Hour).UTC().Format(time.RFC3339),
	} {
		t.Run(name, func(t *testing.T) {
			l.refused("/api/v1/sales", it.tok, sale(at), http.StatusBadRequest, "occurred_at")
		})
	}
	at := time.Now().Add(time.Minute).UTC().Truncate(time.Second)
	l.must("/api/v1/sales", it.tok, sale(at.Format(time.RFC3339)))
	evs := l.do("GET", "/api/v1/events?after=0&limit=1000", it.reg, nil).body["events"].([]any)
	last := evs[len(evs)-1].(map[string]any)
	if last["type"] != "goods.sold.v1" || last["occurred_at"] != at.Format(time.RFC3339) {
		t.Errorf("the sale within the bounds was recorded as %v at %v, want goods.sold.v1 at %s", last["type"], last["occurred_at"], at.Format(time.RFC3339))
	}
}
