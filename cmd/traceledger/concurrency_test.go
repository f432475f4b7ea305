package main

import (
	"net/http"
	"sync"
	"testing"

	"github.com/traceledger/traceledger/domain/access"
)

// Many clients selling the same item at once: exactly one sale is recorded,
// every other is 409, and the log holds one sale event.
func TestConcurrentSalesOfOneItem(t *testing.T) {
	l := startLedger(t)
	it := newDomesticItem(t, l)
	before := l.head()

	const clients = 24
	codes := make([]int, clients)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			a := l.do("POST", "/api/v1/sales", it.tok, map[string]any{"seller_uscc": it.maker, "channel": "门店零售", "items": []string{it.code}})
			codes[i] = a.status
		})
	}
	wg.Wait()
	won := 0
	for _, c := range codes {
		switch c {
		case http.StatusCreated:
			won++
		case http.StatusConflict:
		default:
			t.Fatalf("a concurrent sale answered %d", c)
		}
	}
	if won != 1 {
		t.Fatalf("%d concurrent sales of one item succeeded, want exactly 1", won)
	}
	if after := l.head(); after != before+1 {
		t.Fatalf("log grew by %v events, want 1", after-before)
	}
}

// domesticItem is a manufacturer that also retails, one domestic product, a
// batch of 10 and one labelled item S1: the smallest ledger a sale needs.
type domesticItem struct {
	reg, tok, maker, code string
}

func newDomesticItem(t *testing.T, l *ledger) domesticItem {
	t.Helper()
	reg := l.token(access.RoleRegulator, "")
	maker := newUSCC(t, "91320100MA1MXY000")
	l.must("/api/v1/enterprises", reg, map[string]any{"uscc": maker, "name": "南京金陵食品有限公司", "region": "江苏南京", "roles": []string{"manufacturer", "retailer"}})
	tok := l.token(access.RoleEnterprise, maker)
	const gtin = "6901234567892"
	l.must("/api/v1/products", tok, map[string]any{"gtin": gtin, "name": "盐水鸭", "brand": "金陵", "spec": "500g", "category": "熟食",
		"origin_country": "CN", "manufacturer": "南京金陵食品有限公司", "owner_uscc": maker, "shelf_life_days": 30})
	l.must("/api/v1/batches", tok, map[string]any{"gtin": gtin, "lot": "B1", "quantity": 10, "produced_on": "2026-11-20", "expires_on": "2026-12-20", "owner_uscc": maker})
	l.must("/api/v1/labels", tok, map[string]any{"gtin": gtin, "lot": "B1", "owner_uscc": maker, "serials": []string{"S1"}})
	return domesticItem{reg: reg, tok: tok, maker: maker, code: "/01/0" + gtin + "/10/B1/21/S1"}
}
