package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/alert"
	"github.com/traceledger/traceledger/projections/trace"
	"github.com/traceledger/traceledger/projections/withdrawal"
)

// shelf is a shop holding 20 units of a domestic batch that expired on
// 2026-03-01, recorded on a ledger whose clock reads 2026-03-05, served
// with the alert and withdrawal routes.
type shelf struct {
	recorded
	maker, shop, stranger string
}

const shelfGTIN, shelfLot = "06901234567892", "EXP1"

func newShelf(t *testing.T) *shelf {
	t.Helper()
	store := sqlitetest.Open(t)
	clock := time.Date(2026, 2, 20, 2, 0, 0, 0, time.UTC)
	h := command.NewHandlers(store, command.Options{Now: func() time.Time { return clock }})
	s := &shelf{recorded: recorded{t: t, h: h, store: store},
		maker: newUSCC(t, "91310000MA1FL0000"), shop: newUSCC(t, "91440300MA5DC0000"), stranger: newUSCC(t, "91110105MA0011000")}
	ctx := t.Context()
	for _, u := range []string{s.maker, s.shop, s.stranger} {
		s.ok(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: u, Name: "E " + u, Region: "上海", Roles: []string{"manufacturer", "retailer"}}))
	}
	s.ok(h.RegisterProduct(ctx, s.as(s.maker), command.RegisterProduct{GTIN: shelfGTIN, Name: "酸奶", Brand: "B", Spec: "200g",
		Category: "乳制品", OriginCountry: "CN", Manufacturer: "M", OwnerUSCC: s.maker, ShelfLifeDays: 30}))
	s.ok(h.RegisterBatch(ctx, s.as(s.maker), command.RegisterBatch{GTIN: shelfGTIN, Lot: shelfLot, Quantity: 50, ProducedOn: "2026-02-01", ExpiresOn: "2026-03-01", OwnerUSCC: s.maker}))
	out := s.ok(h.Ship(ctx, s.as(s.maker), command.Ship{FromUSCC: s.maker, ToUSCC: s.shop, Waybill: "SF1",
		Lines: []command.QuantityLine{{GTIN: shelfGTIN, Lot: shelfLot, Quantity: 20}}}))
	s.ok(h.ConfirmReceipt(ctx, s.as(s.shop), command.ConfirmReceipt{ShipmentID: out.ShipmentID}))
	clock = time.Date(2026, 3, 5, 2, 0, 0, 0, time.UTC)
	tr, w := trace.New(), withdrawal.New()
	rn := runModels(t, store, tr, w)
	s.srv = newFixtureServer(t, store, h, s.maker, s.shop, s.stranger)
	s.srv.RouteAlerts(query.NewAlerts(alert.New(tr, nil, nil).WithWithdrawals(w), directory{}, rn))
	s.srv.RouteWithdrawals(query.NewWithdrawals(w, rn))
	return s
}

func (s *shelf) post(path, token, body string) *httptest.ResponseRecorder {
	s.t.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.srv.ServeHTTP(rec, req)
	return rec
}

func (s *shelf) duties(token string) []string {
	s.t.Helper()
	var r query.AlertReport
	s.getJSON("/api/v1/alerts?expiry_days=0", token, &r)
	var out []string
	for _, a := range r.Alerts {
		if a.Kind == alert.KindWithdrawalDue || a.Kind == alert.KindExpired {
			out = append(out, a.Kind+":"+a.Reason)
		}
	}
	return out
}

func TestTheShopWithdrawsExpiredGoodsARegulatorOrderedThroughTheAPI(t *testing.T) {
	s := newShelf(t)
	batchJSON := `"gtin":"` + shelfGTIN + `","lot":"` + shelfLot + `"`
	sale := `{"seller_uscc":"` + s.shop + `","channel":"门店","lines":[{` + batchJSON + `,"quantity":1}]}`
	wantError(t, s.post("/api/v1/sales", s.token(s.shop), sale), 409, "conflict", "expires_on")

	if got := s.duties(s.token(s.shop)); strings.Join(got, ",") != "expired_stock:,withdrawal_due:expired" {
		t.Fatalf("the shop's duties before withdrawing: %v", got)
	}
	order := `{` + batchJSON + `,"holder_uscc":"` + s.shop + `","reason":"expired","working_days":2}`
	wantError(t, s.post("/api/v1/withdrawals/orders", s.token(s.shop), order), 403, "forbidden", "")
	rec := s.post("/api/v1/withdrawals/orders", regToken, order)
	var ordered struct {
		OrderID string `json:"order_id"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &ordered); rec.Code != 201 || err != nil || ordered.OrderID == "" {
		t.Fatalf("order: %d %s", rec.Code, rec.Body)
	}
	withdraw := `{` + batchJSON + `,"holder_uscc":"` + s.shop + `","reason":"ordered","order_id":"` + ordered.OrderID + `","all":true}`
	wantError(t, s.post("/api/v1/withdrawals", s.token(s.stranger), withdraw), 403, "forbidden", "holder_uscc")
	if rec := s.post("/api/v1/withdrawals", s.token(s.shop), withdraw); rec.Code != 201 {
		t.Fatalf("withdraw: %d %s", rec.Code, rec.Body)
	}
	if got := s.duties(s.token(s.shop)); len(got) != 0 {
		t.Fatalf("the shop's duties after withdrawing: %v", got)
	}
	dispose := `{` + batchJSON + `,"holder_uscc":"` + s.shop + `","disposition":"returned_to_supplier","supplier_uscc":"` + s.maker + `","all":true}`
	if rec := s.post("/api/v1/withdrawals/disposals", s.token(s.shop), dispose); rec.Code != 201 {
		t.Fatalf("dispose: %d %s", rec.Code, rec.Body)
	}

	var page struct {
		Entries []query.WithdrawalEntry `json:"entries"`
		Next    *string                 `json:"next"`
	}
	s.getJSON("/api/v1/withdrawals", s.token(s.shop), &page)
	if len(page.Entries) != 3 || page.Entries[0].Kind != "order" || page.Entries[1].Units != 20 || page.Entries[2].Disposition != "returned_to_supplier" || page.Next != nil {
		t.Fatalf("the shop's list: %+v", page)
	}
	s.getJSON("/api/v1/withdrawals?limit=2", regToken, &page)
	if len(page.Entries) != 2 || page.Next == nil {
		t.Fatalf("a regulator's first page of 2: %+v", page)
	}
	s.getJSON("/api/v1/withdrawals?after="+url.QueryEscape(*page.Next), regToken, &page)
	if len(page.Entries) != 1 || page.Next != nil {
		t.Fatalf("a regulator's second page: %+v", page)
	}
	s.getJSON("/api/v1/withdrawals", s.token(s.stranger), &page)
	if len(page.Entries) != 0 {
		t.Fatalf("a stranger sees another's withdrawals: %+v", page)
	}
}

func TestTheWithdrawalListFiltersByHolderBatchAndKind(t *testing.T) {
	s := newShelf(t)
	batchJSON := `"gtin":"` + shelfGTIN + `","lot":"` + shelfLot + `"`
	for _, c := range []struct{ path, body string }{
		{"/api/v1/withdrawals/orders", `{` + batchJSON + `,"holder_uscc":"` + s.maker + `","reason":"expired"}`},
		{"/api/v1/withdrawals", `{` + batchJSON + `,"holder_uscc":"` + s.shop + `","reason":"expired","all":true}`},
		{"/api/v1/withdrawals/disposals", `{` + batchJSON + `,"holder_uscc":"` + s.shop + `","disposition":"destroyed","quantity":5}`},
	} {
		if rec := s.post(c.path, regToken, c.body); rec.Code != 201 {
			t.Fatalf("%s: %d %s", c.path, rec.Code, rec.Body)
		}
	}
	var page struct {
		Entries []query.WithdrawalEntry `json:"entries"`
	}
	kinds := func(q string) string {
		t.Helper()
		s.getJSON("/api/v1/withdrawals?"+q, regToken, &page)
		var out []string
		for _, e := range page.Entries {
			out = append(out, e.Kind)
		}
		return strings.Join(out, ",")
	}
	for q, want := range map[string]string{
		"":                                   "order,withdrawal,disposal",
		"holder_uscc=" + s.shop:              "withdrawal,disposal",
		"holder_uscc=" + s.maker:             "order",
		"kind=disposal":                      "disposal",
		"gtin=6901234567892&lot=" + shelfLot: "order,withdrawal,disposal",
		"lot=OTHER":                          "",
		"gtin=6901234567892&kind=order":      "order",
	} {
		if got := kinds(q); got != want {
			t.Errorf("?%s: %s, want %s", q, got, want)
		}
	}
	wantError(t, s.get("/api/v1/withdrawals?kind=recall", regToken), 400, "invalid", "kind")
	wantError(t, s.get("/api/v1/withdrawals?gtin=6901234567893", regToken), 400, "invalid", "gtin")
	wantError(t, s.get("/api/v1/withdrawals?holder_uscc=x", regToken), 400, "invalid", "holder_uscc")
}
