package main

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/domain/access"
)

// TestAPalletOfTwoCasesShippedInOneEventMovesAllItsUnits: a maker packs two
// cases of labelled units onto a pallet and ships the pallet (one SSCC) to
// a distributor. Every unit in it moves: the trace and each unit's state
// show them at the receiver once received, the unit's path names the
// container it travelled in, the pallet is the receiver's with its cases,
// and a recall list shows which containers hold the recalled units.
func TestAPalletOfTwoCasesShippedInOneEventMovesAllItsUnits(t *testing.T) {
	l := startLedger(t)
	reg := l.token(access.RoleRegulator, "")
	maker, dist, other := newUSCC(t, "91330100MA2H8T1R0"), newUSCC(t, "91440300MA5DC1000"), newUSCC(t, "91110105MA0011100")
	for _, e := range []struct{ uscc, name, role string }{{maker, "浙江乳业有限公司", "manufacturer"}, {dist, "华南食品分销有限公司", "distributor"},
		{other, "北京某商贸有限公司", "retailer"}} {
		l.must("/api/v1/enterprises", reg, map[string]any{"uscc": e.uscc, "name": e.name, "region": "中国", "roles": []string{e.role}})
	}
	tm, td, to := l.token(access.RoleEnterprise, maker), l.token(access.RoleEnterprise, dist), l.token(access.RoleEnterprise, other)
	const gtin, lot = "6901234567892", "PAL1"
	code := func(s string) string { return "/01/0" + gtin + "/10/" + lot + "/21/" + s }
	l.must("/api/v1/products", tm, map[string]any{"gtin": gtin, "name": "纯牛奶", "brand": "B", "spec": "250ml", "category": "乳制品",
		"origin_country": "CN", "manufacturer": "浙江乳业", "owner_uscc": maker, "shelf_life_days": 180})
	l.must("/api/v1/batches", tm, map[string]any{"gtin": gtin, "lot": lot, "quantity": 10, "produced_on": "2026-10-01", "expires_on": "2027-03-30", "owner_uscc": maker})
	l.must("/api/v1/labels", tm, map[string]any{"gtin": gtin, "lot": lot, "owner_uscc": maker, "serials": []string{"S1", "S2", "S3", "S4", "S5"}})
	const caseA, caseB, pallet = "069012340000000016", "069012340000000023", "069012340000000030"
	l.must("/api/v1/containers/"+caseA+"/pack", tm, map[string]any{"holder_uscc": maker, "items": []string{code("S1"), code("S2")}})
	l.must("/api/v1/containers/"+caseB+"/pack", tm, map[string]any{"holder_uscc": maker, "items": []string{code("S3"), code("S4")}})
	l.must("/api/v1/containers/"+pallet+"/pack", tm, map[string]any{"holder_uscc": maker, "containers": []string{caseA, caseB}})
	l.refused("/api/v1/containers/"+caseB+"/pack", tm, map[string]any{"holder_uscc": maker, "items": []string{code("S1")}}, http.StatusConflict, "")

	ship := l.must("/api/v1/shipments", tm, map[string]any{"from_uscc": maker, "to_uscc": dist, "waybill": "SF-PAL-1", "containers": []string{pallet}})
	sid := ship.body["shipment_id"].(string)
	inTransit := l.get("/api/v1/batches/"+gtin+"/"+lot+"/trace", reg, ship.position)
	if got := holders(t, inTransit); got[maker] != (tally{InStock: 6, InTransit: 4}) {
		t.Fatalf("trace while the pallet travels = %+v", got)
	}
	got := l.must("/api/v1/shipments/"+sid+"/receipt", td, nil)

	tr := l.get("/api/v1/batches/"+gtin+"/"+lot+"/trace", reg, got.position)
	if h := holders(t, tr); h[maker] != (tally{InStock: 6}) || h[dist] != (tally{InStock: 4}) {
		t.Fatalf("trace after the receipt = %+v, want the pallet's 4 units at the distributor", h)
	}
	for _, s := range []string{"S1", "S2", "S3", "S4"} {
		p := l.get("/api/v1/items/"+url.PathEscape(code(s))+"/trace", reg, got.position)
		steps, _ := p.body["steps"].([]any)
		var container string
		for _, st := range steps {
			if m := st.(map[string]any); m["kind"] == "shipped" {
				container, _ = m["container"].(string)
			}
		}
		if p.body["state"] != "in_stock" || p.body["holder_uscc"] != dist || (container != caseA && container != caseB) {
			t.Fatalf("unit %s: %s, want in stock at the distributor, shipped in its case", s, p.raw)
		}
	}
	c := l.get("/api/v1/containers/"+pallet, td, got.position)
	if c.body["holder_uscc"] != dist || c.body["units"].(float64) != 4 || len(c.body["containers"].([]any)) != 2 || c.body["in_transit"] != false {
		t.Fatalf("pallet = %s", c.raw)
	}
	if a := l.do("GET", "/api/v1/containers/"+pallet, to, nil); a.status != http.StatusNotFound {
		t.Fatalf("a stranger reading the pallet = %d %s, want the answer of an unknown one", a.status, a.raw)
	}

	rc := l.must("/api/v1/recalls", reg, map[string]any{"batches": []map[string]any{{"gtin": gtin, "lot": lot}}, "level": 2,
		"reason": "包装密封不良", "initiated_by_uscc": maker})
	list := l.get("/api/v1/recalls/"+rc.body["recall_id"].(string), reg, rc.position)
	for _, row := range list.body["holders"].([]any) {
		m := row.(map[string]any)
		if m["uscc"] != dist {
			continue
		}
		var cs []string
		for _, x := range m["containers"].([]any) {
			cs = append(cs, x.(string))
		}
		if m["in_stock"].(float64) != 4 || !slices.Equal(cs, []string{caseA, caseB}) {
			t.Fatalf("recall row of the distributor = %v, want 4 units in cases %s and %s", m, caseA, caseB)
		}
		return
	}
	t.Fatalf("recall list has no row for the distributor: %s", list.raw)
}

// TestARecallOfARawMilkLotReachesTheFormulaLotsMadeFromIt: a farm ships raw
// milk to a dairy, which makes two formula lots of it and ships one on. The
// upstream trace of a formula lot reaches the milk lot; the downstream trace
// of the milk reaches both formula lots; the farm's recall of the milk names
// the formula lots, and its list shows who holds them.
func TestARecallOfARawMilkLotReachesTheFormulaLotsMadeFromIt(t *testing.T) {
	l := startLedger(t)
	reg := l.token(access.RoleRegulator, "")
	farm, dairy, shop := newUSCC(t, "91150100MA0N1F100"), newUSCC(t, "91230100MA1B2C300"), newUSCC(t, "91110105MA0011200")
	for _, e := range []struct{ uscc, name, role string }{{farm, "内蒙古牧场有限公司", "manufacturer"}, {dairy, "黑龙江乳品有限公司", "manufacturer"},
		{shop, "北京母婴用品店", "retailer"}} {
		l.must("/api/v1/enterprises", reg, map[string]any{"uscc": e.uscc, "name": e.name, "region": "中国", "roles": []string{e.role}})
	}
	tf, tdy, ts := l.token(access.RoleEnterprise, farm), l.token(access.RoleEnterprise, dairy), l.token(access.RoleEnterprise, shop)
	const milk, formula = "6901234567892", "6901234567885"
	l.must("/api/v1/products", tf, map[string]any{"gtin": milk, "name": "生牛乳", "brand": "牧场", "spec": "1kg", "category": "乳制品",
		"origin_country": "CN", "manufacturer": "内蒙古牧场", "owner_uscc": farm, "shelf_life_days": 10})
	l.must("/api/v1/products", tdy, map[string]any{"gtin": formula, "name": "婴儿配方奶粉", "brand": "乳品", "spec": "800g", "category": "乳制品",
		"origin_country": "CN", "manufacturer": "黑龙江乳品", "owner_uscc": dairy, "shelf_life_days": 720})
	l.must("/api/v1/batches", tf, map[string]any{"gtin": milk, "lot": "RM1", "quantity": 1000, "produced_on": "2026-10-01", "expires_on": "2026-10-10", "owner_uscc": farm})
	for _, lot := range []string{"IF1", "IF2"} {
		l.must("/api/v1/batches", tdy, map[string]any{"gtin": formula, "lot": lot, "quantity": 200, "produced_on": "2026-10-03", "expires_on": "2028-10-02", "owner_uscc": dairy})
	}
	s := l.must("/api/v1/shipments", tf, map[string]any{"from_uscc": farm, "to_uscc": dairy, "waybill": "RAW-1",
		"lines": []map[string]any{{"gtin": milk, "lot": "RM1", "quantity": 1000}}})
	l.must("/api/v1/shipments/"+s.body["shipment_id"].(string)+"/receipt", tdy, nil)
	// The farm no longer holds the milk, nor registered the formula lots.
	l.refused("/api/v1/transformations", tf, map[string]any{"transformer_uscc": farm, "inputs": []map[string]any{{"gtin": milk, "lot": "RM1", "quantity": 1}},
		"outputs": []map[string]any{{"gtin": formula, "lot": "IF1"}}}, http.StatusNotFound, "outputs[0]")
	tr := l.must("/api/v1/transformations", tdy, map[string]any{"transformer_uscc": dairy, "inputs": []map[string]any{{"gtin": milk, "lot": "RM1", "quantity": 1000}},
		"outputs": []map[string]any{{"gtin": formula, "lot": "IF1"}, {"gtin": formula, "lot": "IF2"}}})
	s2 := l.must("/api/v1/shipments", tdy, map[string]any{"from_uscc": dairy, "to_uscc": shop, "waybill": "IF-1",
		"lines": []map[string]any{{"gtin": formula, "lot": "IF1", "quantity": 50}}})
	rcv := l.must("/api/v1/shipments/"+s2.body["shipment_id"].(string)+"/receipt", ts, nil)

	up := l.get("/api/v1/batches/"+formula+"/IF1/trace?direction=upstream", tdy, rcv.position)
	if !reaches(up, "input", milk, "RM1") {
		t.Fatalf("upstream trace of formula IF1 does not reach milk RM1: %s", up.raw)
	}
	down := l.get("/api/v1/batches/"+milk+"/RM1/trace", reg, rcv.position)
	if !reaches(down, "output", formula, "IF1") || !reaches(down, "output", formula, "IF2") {
		t.Fatalf("downstream trace of milk RM1 does not reach both formula lots: %s", down.raw)
	}
	if h := holders(t, down); h[dairy] != (tally{}) {
		t.Fatalf("the dairy still holds milk after using it all: %+v", h)
	}
	tv := l.get("/api/v1/transformations/"+tr.body["transformation_id"].(string), tdy, rcv.position)
	if tv.body["transformer_uscc"] != dairy || len(tv.body["outputs"].([]any)) != 2 {
		t.Fatalf("transformation = %s", tv.raw)
	}

	rc := l.must("/api/v1/recalls", tf, map[string]any{"batches": []map[string]any{{"gtin": milk, "lot": "RM1"}}, "level": 1,
		"reason": "黄曲霉毒素M1超标", "initiated_by_uscc": farm})
	list := l.get("/api/v1/recalls/"+rc.body["recall_id"].(string), reg, rc.position)
	if !strings.Contains(list.raw, `"lot":"IF1"`) || !strings.Contains(list.raw, `"lot":"IF2"`) {
		t.Fatalf("the recall of the milk does not name the formula lots: %s", list.raw)
	}
	rows := map[string]map[string]any{}
	for _, row := range list.body["holders"].([]any) {
		m := row.(map[string]any)
		rows[m["uscc"].(string)] = m
	}
	if rows[shop] == nil || rows[shop]["in_stock"].(float64) != 50 || rows[dairy] == nil || rows[dairy]["in_stock"].(float64) != 350 {
		t.Fatalf("recall rows = %v, want the shop's 50 and the dairy's 350 formula units", rows)
	}
	l.refused("/api/v1/sales", ts, map[string]any{"seller_uscc": shop, "channel": "门店零售", "lines": []map[string]any{{"gtin": formula, "lot": "IF1", "quantity": 1}}},
		http.StatusConflict, "")
}

// reaches reports whether a trace lists a transformation edge whose input
// (or output) is the batch gtin/lot.
func reaches(a answer, end, gtin, lot string) bool {
	ts, _ := a.body["transformations"].([]any)
	for _, x := range ts {
		ref, _ := x.(map[string]any)[end].(map[string]any)
		if ref["gtin"] == "0"+gtin && ref["lot"] == lot {
			return true
		}
	}
	return false
}
