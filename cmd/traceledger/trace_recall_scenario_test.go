package main

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/traceledger/traceledger/domain/access"
)

// get reads a query, waiting for the read models to reach position pos.
func (l *ledger) get(path, token, pos string) answer {
	l.t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	a := l.do("GET", path+sep+"min_position="+pos, token, nil)
	if a.status != http.StatusOK {
		l.t.Fatalf("GET %s = %d %s", path, a.status, a.raw)
	}
	return a
}

func (l *ledger) getRaw(path, token string) []byte {
	l.t.Helper()
	req, _ := http.NewRequestWithContext(l.t.Context(), "GET", l.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		l.t.Fatalf("GET %s = %d %s", path, resp.StatusCode, b)
	}
	return b
}

type tally struct{ InStock, InTransit, Sold, Returned, Destroyed float64 }

func holders(t *testing.T, a answer) map[string]tally {
	t.Helper()
	out := map[string]tally{}
	hs, _ := a.body["holders"].([]any)
	for _, h := range hs {
		m := h.(map[string]any)
		num := func(k string) float64 { f, _ := m[k].(float64); return f }
		out[m["uscc"].(string)] = tally{num("in_stock"), num("in_transit"), num("sold"), num("returned"), num("destroyed")}
	}
	return out
}

// TestTraceRecallAndGradeFollowEveryUnitAcrossTwoRetailers: an importer ships to a distributor, who ships to two
// retailers, one of whom sells. The trace, the item history and the recall
// list say exactly where each unit is; the CSV and XLSX exports carry the
// same rows; the grade answers with its factors; a replay rebuilds the very
// read models the server kept.
func TestTraceRecallAndGradeFollowEveryUnitAcrossTwoRetailers(t *testing.T) {
	l := startLedger(t)
	reg := l.token(access.RoleRegulator, "")
	imp, dist, r1, r2 := newUSCC(t, "91310000MA1FL0000"), newUSCC(t, "91440300MA5DC0000"), newUSCC(t, "91110105MA0011000"), newUSCC(t, "91330100MA2H8T0R0")
	for _, e := range []struct{ uscc, name, role string }{{imp, "上海明辉进出口贸易有限公司", "importer"}, {dist, "深圳华南食品分销有限公司", "distributor"},
		{r1, "北京京品超市有限公司", "retailer"}, {r2, "杭州西溪便利店有限公司", "retailer"}} {
		l.must("/api/v1/enterprises", reg, map[string]any{"uscc": e.uscc, "name": e.name, "region": "中国", "roles": []string{e.role}, "contact": "400-000-0000"})
	}
	ti, td, t1, t2 := l.token(access.RoleEnterprise, imp), l.token(access.RoleEnterprise, dist), l.token(access.RoleEnterprise, r1), l.token(access.RoleEnterprise, r2)

	const gtin, lot = "3017620422003", "L2611A"
	code := func(s string) string { return "/01/0" + gtin + "/10/" + lot + "/21/" + s }
	l.must("/api/v1/products", ti, map[string]any{"gtin": gtin, "name": "榛子可可酱", "brand": "Nutella", "spec": "750g", "category": "休闲食品",
		"origin_country": "FR", "manufacturer": "Ferrero France", "owner_uscc": imp, "shelf_life_days": 365})
	l.must("/api/v1/products/"+gtin+"/notifications", ti, map[string]any{"notifier_uscc": imp, "record_no": "BA2026000001"})
	l.must("/api/v1/products/"+gtin+"/verification", reg, map[string]any{"valid": true})
	l.must("/api/v1/batches", ti, map[string]any{"gtin": gtin, "lot": lot, "quantity": 100, "produced_on": "2026-10-01", "expires_on": "2027-09-30", "owner_uscc": imp})
	l.must("/api/v1/labels", ti, map[string]any{"gtin": gtin, "lot": lot, "owner_uscc": imp, "serials": []string{"S1", "S2", "S3", "S4"}})
	const decl = "531620261000012345"
	l.must("/api/v1/customs/declarations", ti, map[string]any{"declaration_no": decl, "port": "上海洋山港", "importer_uscc": imp,
		"lines": []map[string]any{{"gtin": gtin, "lot": lot, "quantity": 100, "hs_code": "1806900000", "origin_country": "FR"}}})
	l.must("/api/v1/customs/declarations/"+decl+"/inspection", reg, map[string]any{"result": "pass"})
	released := l.must("/api/v1/customs/declarations/"+decl+"/release", reg, map[string]any{"decision": "released"})
	if d := l.get("/api/v1/customs/declarations/"+decl, ti, released.position); d.body["decision"] != "released" || d.body["port"] != "上海洋山港" {
		t.Fatalf("declaration = %s", d.raw)
	}
	if a := l.do("GET", "/api/v1/customs/declarations/"+decl, t1, nil); a.status != http.StatusNotFound {
		t.Fatalf("a retailer reading the importer's declaration = %d %s, want the answer of an unfiled one", a.status, a.raw)
	}
	if a := l.do("GET", "/api/v1/customs/declarations/12345", reg, nil); a.status != http.StatusBadRequest {
		t.Fatalf("a malformed declaration number = %d %s", a.status, a.raw)
	}

	ship := func(tok, from, to, waybill string, items []string, qty int, receiver string) {
		a := l.must("/api/v1/shipments", tok, map[string]any{"from_uscc": from, "to_uscc": to, "waybill": waybill, "items": items,
			"lines": []map[string]any{{"gtin": gtin, "lot": lot, "quantity": qty}}})
		l.must("/api/v1/shipments/"+a.body["shipment_id"].(string)+"/receipt", receiver, nil)
	}
	ship(ti, imp, dist, "SF1001", []string{code("S1"), code("S2"), code("S3"), code("S4")}, 60, td)
	ship(td, dist, r1, "SF2001", []string{code("S1"), code("S2")}, 20, t1)
	ship(td, dist, r2, "SF2002", []string{code("S3")}, 10, t2)
	sold := l.must("/api/v1/sales", t1, map[string]any{"seller_uscc": r1, "channel": "门店零售", "items": []string{code("S1")},
		"lines": []map[string]any{{"gtin": gtin, "lot": lot, "quantity": 5}}})

	want := map[string]tally{imp: {InStock: 36}, dist: {InStock: 31}, r1: {InStock: 16, Sold: 6}, r2: {InStock: 11}}
	tr := l.get("/api/v1/batches/"+gtin+"/"+lot+"/trace?direction=downstream", reg, sold.position)
	if got := holders(t, tr); !equalTallies(got, want) {
		t.Fatalf("downstream trace holders = %+v, want %+v", got, want)
	}

	hist := l.get("/api/v1/items/"+url.PathEscape(code("S1"))+"/history", reg, sold.position)
	events, _ := hist.body["events"].([]any)
	var types []string
	for _, e := range events {
		types = append(types, e.(map[string]any)["type"].(string))
	}
	if len(types) == 0 || types[len(types)-1] != "goods.sold.v1" || strings.Count(strings.Join(types, ","), "goods.shipped.v1") != 2 {
		t.Fatalf("item S1 history = %v", types)
	}
	card, _ := hist.body["card"].(map[string]any)
	if card["seller_uscc"] != r1 || card["declaration_no"] != decl || card["certificate_status"] != "issued" || card["sold_on"] == nil {
		t.Fatalf("item S1 card = %v", card)
	}

	rc := l.must("/api/v1/recalls", reg, map[string]any{"batches": []map[string]any{{"gtin": gtin, "lot": lot}}, "level": 2,
		"reason": "标签过敏原信息缺失", "initiated_by_uscc": imp})
	rid := rc.body["recall_id"].(string)
	ret := l.must("/api/v1/recalls/"+rid+"/returns", t2, map[string]any{"holder_uscc": r2, "items": []string{code("S3")}, "quantity": 10, "disposition": "returned"})
	list := l.get("/api/v1/recalls/"+rid, reg, ret.position)
	want[r2] = tally{Returned: 11}
	if got := holders(t, list); !equalTallies(got, want) {
		t.Fatalf("recall list holders = %+v, want %+v", got, want)
	}
	prog := list.body["progress"].(map[string]any)
	// Affected counts the 6 units sold to consumers too.
	if prog["affected"].(float64) != 100 || prog["accounted"].(float64) != 11 {
		t.Fatalf("recall progress = %v, want 100 affected, 11 accounted", prog)
	}

	csvRows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(l.getRaw("/api/v1/recalls/"+rid+"?format=csv", reg), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	xf, err := excelize.OpenReader(bytes.NewReader(l.getRaw("/api/v1/recalls/"+rid+"?format=xlsx", reg)))
	if err != nil {
		t.Fatal(err)
	}
	xlsxRows, err := xf.GetRows(xf.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	// Both start with the same header block (its generation time may differ
	// by a second): the tables after it must be equal.
	csvRows, xlsxRows = recallTable(csvRows), recallTable(xlsxRows)
	if len(csvRows) != 1+len(want) || !equalRows(csvRows, xlsxRows) {
		t.Fatalf("CSV rows %v and XLSX rows %v differ (want a header and %d holders)", csvRows, xlsxRows, len(want))
	}

	risk := l.get("/api/v1/enterprises/"+imp+"/risk", reg, ret.position)
	if g, _ := risk.body["grade"].(float64); g < 1 || g > 4 {
		t.Fatalf("risk grade = %v", risk.raw)
	}
	if f, _ := risk.body["factors"].(map[string]any); len(f) == 0 {
		t.Fatalf("risk answers no factors: %s", risk.raw)
	}

	// The server saves its read models on shutdown; replay must rebuild the
	// very same files.
	l.stop()
	saved := readSnapshots(t, l.data)
	if code, _, stderr := runArgs(t, nil, "replay", "--data", l.data); code != exitOK {
		t.Fatalf("replay: %s", stderr)
	}
	replayed := readSnapshots(t, l.data)
	if len(saved) == 0 || len(saved) != len(replayed) {
		t.Fatalf("snapshots: %d saved, %d replayed", len(saved), len(replayed))
	}
	for name, b := range saved {
		if !bytes.Equal(b, replayed[name]) {
			t.Errorf("read model %s: replay differs from what the server kept", name)
		}
	}
}

func equalTallies(got, want map[string]tally) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

// recallTable is a recall export's table: the rows after the header
// block's empty row, without the CSV's trailing empty cells.
func recallTable(rows [][]string) [][]string {
	for i, r := range rows {
		if strings.Join(r, "") != "" {
			continue
		}
		var out [][]string
		for _, r := range rows[i+1:] {
			for len(r) > 0 && r[len(r)-1] == "" {
				r = r[:len(r)-1]
			}
			out = append(out, r)
		}
		return out
	}
	return nil
}

func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x1f") != strings.Join(b[i], "\x1f") {
			return false
		}
	}
	return true
}

func readSnapshots(t *testing.T, data string) map[string][]byte {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(modelsPath(Config{Data: data}), "*.snapshot"))
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = b
	}
	return out
}
