package httpapi_test

import (
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/ident"
)

func histItemPath(code string) string { return "/api/v1/items/" + url.PathEscape(code) + "/history" }

// dlPath is a Digital Link's path: /01/{gtin}/10/{lot}/21/{serial}.
func dlPath(t *testing.T, code string) string {
	t.Helper()
	c, err := ident.ParseItemCode(code)
	if err != nil {
		t.Fatal(err)
	}
	return c.Path()
}

func sgtinOf(t *testing.T, code string) string {
	t.Helper()
	c, err := ident.ParseItemCode(code)
	if err != nil {
		t.Fatal(err)
	}
	e, err := c.SGTIN(7)
	if err != nil {
		t.Fatal(err)
	}
	return e.String()
}

// TestItemHistoryOfTheSoldItem: the sold item's history lists exactly the
// events that touched it, in log order, each as the log holds it, and its
// card shows where it came from and how it was sold.
func TestItemHistoryOfTheSoldItem(t *testing.T) {
	l := newHistLedger(t)
	sold := l.codes[2]
	var a histItemAnswer
	l.getJSON(histItemPath(sold), regToken, &a)

	wantTypes := []string{"batch.registered.v1", "batch.labelled.v1", "customs.declared.v1", "customs.inspected.v1",
		"customs.released.v1", "batch.cleared.v1", "goods.shipped.v1", "goods.received.v1", "goods.shipped.v1",
		"goods.received.v1", "goods.sold.v1"}
	var gotTypes []string
	log := l.log()
	for i, e := range a.Events {
		gotTypes = append(gotTypes, e.Type)
		if i > 0 && e.Position <= a.Events[i-1].Position {
			t.Errorf("event %d at position %d after %d: not in log order", i, e.Position, a.Events[i-1].Position)
		}
		rec := log[e.Position-1]
		if e.EventID != rec.ID.String() || e.Hash != hex.EncodeToString(rec.Hash[:]) || e.Stream != rec.Stream || string(e.Data) != string(rec.Data) {
			t.Errorf("event at %d differs from the log: %+v", e.Position, e)
		}
	}
	if !reflect.DeepEqual(gotTypes, wantTypes) {
		t.Fatalf("types %v\nwant  %v", gotTypes, wantTypes)
	}
	if !strings.Contains(string(a.Events[8].Data), l.shopB) || !strings.Contains(string(a.Events[10].Data), l.shopB) {
		t.Errorf("the second shipment and the sale should name shop B: %s / %s", a.Events[8].Data, a.Events[10].Data)
	}

	today := time.Now().UTC().Format("2006-01-02")
	card := a.Card
	want := map[string]any{
		"code": dlPath(t, sold), "gtin": histGTIN, "lot": histLot, "serial": "A003",
		"product_name": "榛子可可酱", "brand": "Nutella", "spec": "750g", "category": "休闲食品", "origin_country": "FR",
		"manufacturer": "Ferrero France", "importer": "明辉进出口", "importer_uscc": l.imp,
		"certificate_status": "issued", "record_no": "BA2025001",
		"ecommerce_platform": "天猫国际", "ecommerce_enterprise": "好邻居网店", "ecommerce_enterprise_uscc": l.shopB,
		"declaration_no": histDecl, "port": "广州南沙港", "inspection_result": "pass", "customs_decision": "released",
		"released_on": today, "produced_on": "2025-01-10", "expires_on": "2027-01-09",
		"warehouse_intake_by": "明辉进出口", "warehouse_intake_by_uscc": l.imp,
		"waybill": "SF2002", "waybills": []any{"SF1001", "SF2002"},
		"seller": "好邻居网店", "seller_uscc": l.shopB, "sold_on": today, "sale_channel": "天猫国际", "recall_status": "none",
	}
	for k, v := range want {
		if !reflect.DeepEqual(card[k], v) {
			t.Errorf("card[%q] = %v, want %v", k, card[k], v)
		}
	}
	if no, _ := card["certificate_no"].(string); !strings.HasPrefix(no, "TZ") {
		t.Errorf("certificate_no = %v", card["certificate_no"])
	}
	if _, err := time.Parse(time.RFC3339, card["warehouse_intake"].(string)); err != nil {
		t.Errorf("warehouse_intake: %v", err)
	}
	if a.Code != dlPath(t, sold) {
		t.Errorf("code %q", a.Code)
	}
}

// TestItemHistoryOfAnUnsoldItem: an item at the other retailer carries
// neither the sale nor the other shipment.
func TestItemHistoryOfAnUnsoldItem(t *testing.T) {
	l := newHistLedger(t)
	var a histItemAnswer
	l.getJSON(histItemPath(l.codes[0]), regToken, &a)
	var types []string
	for _, e := range a.Events {
		types = append(types, e.Type)
		if strings.Contains(string(e.Data), l.shopB) {
			t.Errorf("event %s at %d names shop B", e.Type, e.Position)
		}
	}
	if len(types) != 10 || types[9] != "goods.received.v1" {
		t.Errorf("types %v", types)
	}
	if a.Card["seller"] != nil || a.Card["waybill"] != "SF2001" {
		t.Errorf("card %v", a.Card)
	}
}

// TestItemCodeSpellings: a Digital Link, its path and an SGTIN, escaped
// into one segment, and the path sent as it is, all answer the same.
func TestItemCodeSpellings(t *testing.T) {
	l := newHistLedger(t)
	code := l.codes[2]
	var want histItemAnswer
	l.getJSON(histItemPath(code), regToken, &want)
	for name, path := range map[string]string{
		"path, escaped":  histItemPath(dlPath(t, code)),
		"SGTIN":          histItemPath(sgtinOf(t, code)),
		"path, as it is": "/api/v1/items" + dlPath(t, code) + "/history",
	} {
		t.Run(name, func(t *testing.T) {
			var got histItemAnswer
			l.getJSON(path, regToken, &got)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("GET %s differs from the Digital Link's answer", path)
			}
		})
	}
}

// TestItemHistoryOverTheWire: a real client escapes the Digital Link's
// slashes as %2F and the route still matches.
func TestItemHistoryOverTheWire(t *testing.T) {
	l := newHistLedger(t)
	ts := httptest.NewServer(l.srv)
	defer ts.Close()
	head, _ := l.store.Head(t.Context())
	u := ts.URL + histItemPath(l.codes[2]) + "?min_position=" + strings.TrimSpace(jsonNumber(head))
	req, err := http.NewRequestWithContext(t.Context(), "GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(req.URL.EscapedPath(), "%2F") {
		t.Fatalf("the client would not send %%2F: %s", req.URL.EscapedPath())
	}
	req.Header.Set("Authorization", "Bearer "+regToken)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var a histItemAnswer
	if resp.StatusCode != 200 || json.Unmarshal(body, &a) != nil || len(a.Events) != 11 {
		t.Fatalf("GET %s = %d %s", u, resp.StatusCode, body)
	}
}

func jsonNumber(n uint64) string { b, _ := json.Marshal(n); return string(b) }

// TestHistoryAccess: regulators and analysts read every history; an
// enterprise the goods it held or holds and its own enterprise history.
func TestHistoryAccess(t *testing.T) {
	l := newHistLedger(t)
	sold := histItemPath(l.codes[2])
	batch := "/api/v1/batches/" + histGTIN + "/" + histLot + "/history"
	product := "/api/v1/products/" + histGTIN + "/history"
	ent := func(u string) string { return "/api/v1/enterprises/" + u + "/history" }
	tests := []struct {
		name, path, token string
		status            int
	}{
		{"regulator reads an item", sold, regToken, 200},
		{"analyst reads an item", sold, anaToken, 200},
		{"importer held the item", sold, l.token(l.imp), 200},
		{"distributor held the item", sold, l.token(l.dst), 200},
		{"seller held the item", sold, l.token(l.shopB), 200},
		{"the other retailer never held it", sold, l.token(l.shopA), 404},
		{"a stranger never held it", sold, l.token(l.stranger), 404},
		{"admin reads no history", sold, admToken, 403},
		{"no token", sold, "", 401},
		{"retailer held units of the batch", batch, l.token(l.shopA), 200},
		{"stranger never held the batch", batch, l.token(l.stranger), 404},
		{"retailer held the product", product, l.token(l.shopA), 200},
		{"stranger never held the product", product, l.token(l.stranger), 404},
		{"an enterprise reads its own history", ent(l.shopA), l.token(l.shopA), 200},
		{"but not another's", ent(l.shopB), l.token(l.shopA), 404},
		{"analyst reads an enterprise's", ent(l.shopB), anaToken, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := l.get(tc.path, tc.token)
			if rec.Code != tc.status {
				t.Fatalf("GET %s = %d %s, want %d", tc.path, rec.Code, rec.Body, tc.status)
			}
			if tc.status == 404 {
				// What an enterprise may not see answers as what does not
				// exist: the same code, field and message.
				e := wantError(t, rec, 404, "not_found", fieldOf(rec))
				if strings.Contains(e.Error.Message, "never held") || strings.Contains(e.Error.Message, "only its own") || strings.Contains(e.Error.Message, l.shopB) && !strings.Contains(tc.path, l.shopB) {
					t.Errorf("404 tells the record exists or names another's data: %q", e.Error.Message)
				}
			}
		})
	}
}

func fieldOf(rec *httptest.ResponseRecorder) string {
	var e apiError
	json.Unmarshal(rec.Body.Bytes(), &e)
	return e.Error.Field
}

// TestHistoryPaging: an enterprise's history read a page at a time is its
// whole history, in order.
func TestHistoryPaging(t *testing.T) {
	l := newHistLedger(t)
	base := "/api/v1/enterprises/" + l.imp + "/history"
	var all histPageAnswer
	l.getJSON(base+"?limit=1000", regToken, &all)
	if all.Next != nil || len(all.Events) < 10 {
		t.Fatalf("whole history: %d events, next %v", len(all.Events), all.Next)
	}
	var paged []histEvent
	after := "0"
	for pages := 0; ; pages++ {
		if pages > len(all.Events) {
			t.Fatal("paging does not end")
		}
		var pg histPageAnswer
		l.getJSON(base+"?limit=3&after="+after, regToken, &pg)
		if len(pg.Events) > 3 {
			t.Fatalf("page of %d events", len(pg.Events))
		}
		paged = append(paged, pg.Events...)
		if pg.Next == nil {
			break
		}
		if *pg.Next != strconv.FormatUint(pg.Events[len(pg.Events)-1].Position, 10) {
			t.Fatalf("next %q is not the page's last position", *pg.Next)
		}
		after = url.QueryEscape(*pg.Next)
	}
	if !reflect.DeepEqual(paged, all.Events) {
		t.Errorf("pages hold %d events, the whole history %d", len(paged), len(all.Events))
	}
	var def histPageAnswer
	l.getJSON(base, regToken, &def)
	if len(def.Events) != len(all.Events) {
		t.Errorf("default page has %d events", len(def.Events))
	}
	var product histPageAnswer
	l.getJSON("/api/v1/products/"+histGTIN+"/history?limit=2", regToken, &product)
	if len(product.Events) != 2 || product.Next == nil || product.Events[0].Type != "product.registered.v1" {
		t.Errorf("product first page: %+v", product)
	}
}

// TestHistoryRefusals: malformed input is 400 naming the field, unknown
// goods 404, an ambiguous SGTIN 409.
func TestHistoryRefusals(t *testing.T) {
	l := newHistLedger(t)
	unknown := "https://id.gs1.org/01/" + histGTIN + "/10/" + histLot + "/21/ZZZ9"
	tests := []struct {
		name, path  string
		status      int
		code, field string
	}{
		{"malformed code", histItemPath("not-a-code"), 400, "invalid", "code"},
		{"bad check digit", histItemPath("/01/03017620422004/10/L1/21/A1"), 400, "invalid", "code"},
		{"unknown item", histItemPath(unknown), 404, "not_found", "code"},
		{"unknown serial of an SGTIN", histItemPath("urn:epc:id:sgtin:3017620.042200.ZZZ9"), 404, "not_found", "code"},
		{"unknown batch", "/api/v1/batches/" + histGTIN + "/NOPE/history", 404, "not_found", "lot"},
		{"malformed batch GTIN", "/api/v1/batches/123/" + histLot + "/history", 400, "invalid", "gtin"},
		{"unknown product", "/api/v1/products/06901234567892/history", 404, "not_found", "gtin"},
		{"malformed product GTIN", "/api/v1/products/6901234567890/history", 400, "invalid", "gtin"},
		{"unknown enterprise", "/api/v1/enterprises/" + newUSCC(t, "91110000MA00YY000") + "/history", 404, "not_found", "uscc"},
		{"malformed USCC", "/api/v1/enterprises/123/history", 400, "invalid", "uscc"},
		{"limit too large", "/api/v1/enterprises/" + l.imp + "/history?limit=1001", 400, "invalid", "limit"},
		{"limit zero", "/api/v1/products/" + histGTIN + "/history?limit=0", 400, "invalid", "limit"},
		{"after not a position", "/api/v1/batches/" + histGTIN + "/" + histLot + "/history?after=x", 400, "invalid", "after"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, l.get(tc.path, regToken), tc.status, tc.code, tc.field)
		})
	}
	t.Run("SGTIN naming two lots", func(t *testing.T) {
		ctx := t.Context()
		l.ok(l.h.RegisterBatch(ctx, l.as(l.imp), commandBatch(l.imp)))
		l.ok(l.h.ApplyLabels(ctx, l.as(l.imp), commandLabels(l.imp, "A001")))
		wantError(t, l.get(histItemPath(sgtinOf(t, l.codes[0])), regToken), 409, "conflict", "code")
	})
}

// TestResolverCard: the public Digital Link route answers the card.
func TestResolverCard(t *testing.T) {
	l := newHistLedger(t)
	var card map[string]any
	l.getJSON(dlPath(t, l.codes[2]), "", &card)
	if card["seller_uscc"] != l.shopB || card["serial"] != "A003" || card["recall_status"] != "none" {
		t.Errorf("card %v", card)
	}
	if _, ok := card["contact"]; ok {
		t.Error("the public card shows a contact")
	}
	wantError(t, l.get("/01/"+histGTIN+"/10/"+histLot+"/21/NOPE", ""), 404, "not_found", "code")
}

// TestCertificateFromTheModel: the public certificate check answers the
// contract's shape and the certificate's history.
func TestCertificateFromTheModel(t *testing.T) {
	l := newHistLedger(t)
	rec := l.get("/api/v1/products/"+histGTIN+"/certificate", "")
	if rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	var v map[string]any
	json.Unmarshal(rec.Body.Bytes(), &v)
	for _, k := range []string{"gtin", "status", "certificate_no", "valid_from", "valid_to", "history"} {
		if _, ok := v[k]; !ok {
			t.Errorf("answer lacks %q: %s", k, rec.Body)
		}
	}
	if v["status"] != "issued" || v["gtin"] != histGTIN || v["valid_from"] != time.Now().UTC().Format("2006-01-02") {
		t.Errorf("answer %s", rec.Body)
	}
	hist, _ := v["history"].([]any)
	if len(hist) != 2 {
		t.Fatalf("history %v", v["history"])
	}
	first := hist[0].(map[string]any)
	if first["type"] != "certificate.notified.v1" || first["actor"].(map[string]any)["uscc"] != l.imp {
		t.Errorf("first history entry %v", first)
	}
	tests := []struct {
		name, gtin string
		status     int
		code       string
	}{
		{"GTIN-13 spelling", "3017620422003", 200, ""},
		{"unknown product", "06901234567892", 404, "not_found"},
		{"bad check digit", "3017620422004", 400, "invalid"},
		{"not digits", "abc", 400, "invalid"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := l.get("/api/v1/products/"+tc.gtin+"/certificate", "")
			if tc.status == 200 {
				if rec.Code != 200 {
					t.Fatalf("%d %s", rec.Code, rec.Body)
				}
				return
			}
			wantError(t, rec, tc.status, tc.code, "gtin")
		})
	}
}

// TestHiddenRecordsAnswerExactlyAsMissingOnes: a batch an enterprise never
// held answers it byte for byte as a batch that does not exist, but for the
// lot it asked about, so the answer says nothing about what exists.
func TestHiddenRecordsAnswerExactlyAsMissingOnes(t *testing.T) {
	l := newHistLedger(t)
	stranger := l.token(l.stranger)
	nobody, err := ident.NewUSCC("91110000MA0000000")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ hidden, missing, id, other string }{
		{"/api/v1/batches/" + histGTIN + "/" + histLot + "/history", "/api/v1/batches/" + histGTIN + "/NOSUCHLOT/history", histLot, "NOSUCHLOT"},
		{"/api/v1/enterprises/" + l.shopB + "/history", "/api/v1/enterprises/" + nobody.String() + "/history", l.shopB, nobody.String()},
	} {
		hidden, missing := l.get(c.hidden, stranger), l.get(c.missing, stranger)
		if hidden.Code != 404 || missing.Code != 404 {
			t.Fatalf("hidden %d, missing %d: want both 404", hidden.Code, missing.Code)
		}
		if got, want := hidden.Body.String(), strings.ReplaceAll(missing.Body.String(), c.other, c.id); got != want {
			t.Errorf("a hidden record answers\n%s\nbut a missing one\n%s", got, want)
		}
	}
}
