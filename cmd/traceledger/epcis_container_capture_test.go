package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/access"
)

// epcisAggregation is an AggregationEvent in JSON-LD.
func epcisAggregation(at, action, location, parent string, children ...string) string {
	b, _ := json.Marshal(map[string]any{"type": "AggregationEvent", "eventTime": at, "eventTimeZoneOffset": "+08:00", "action": action,
		"bizStep": "packing", "parentID": parent, "childEPCs": children, "bizLocation": map[string]any{"id": location}})
	return string(b)
}

const epcisXMLReceiving = `<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="%[1]s">
  <EPCISBody><EventList><ObjectEvent>
    <eventTime>%[1]s</eventTime><eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
    <epcList><epc>%[2]s</epc></epcList>
    <action>OBSERVE</action>
    <bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep>
    <disposition>urn:epcglobal:cbv:disp:in_progress</disposition>
    <bizLocation><id>urn:epc:id:sgln:6901234.00001.0</id></bizLocation>
  </ObjectEvent></EventList></EPCISBody>
</epcis:EPCISDocument>`

// TestAPalletPackedAndShippedInOneCapturedDocumentMovesAllItsUnits: the
// maker captures, as JSON-LD, one document packing two cases (SSCC URNs)
// onto a pallet (an SSCC Digital Link) and shipping the pallet; the shop
// captures its receipt of the pallet as XML. The trace and every unit's
// state show the four units at the shop; an aggregation whose parent is no
// SSCC is recorded only.
func TestAPalletPackedAndShippedInOneCapturedDocumentMovesAllItsUnits(t *testing.T) {
	l, makerTok, shopTok, reg := epcisWorld(t)
	shop := newUSCC(t, "91330100MA2H0E001")
	l.must("/api/v1/labels", makerTok, map[string]any{"gtin": "6901234567892", "lot": "L1", "owner_uscc": newUSCC(t, "91330100MA2H0E000"), "serials": []string{"A3", "A4"}})
	at := func() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z") }
	unit := func(s string) string { return "https://id.gs1.org/01/06901234567892/10/L1/21/" + s }
	const caseA, caseB, pallet = "urn:epc:id:sscc:6901234.0000000001", "urn:epc:id:sscc:6901234.0000000002", "https://id.gs1.org/00/069012340000000030"
	const plant = "urn:epc:id:sgln:6901234.00000.0"
	ship, _ := json.Marshal(map[string]any{"type": "ObjectEvent", "eventTime": at(), "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
		"bizStep": "shipping", "epcList": []string{"urn:epc:id:sscc:6901234.0000000003"}, "bizLocation": map[string]any{"id": plant},
		"destinationList": []map[string]any{{"type": "owning_party", "destination": "urn:epc:id:pgln:6901234.00001"}}})
	doc := fmt.Sprintf(epcisJSONLD, at(), strings.Join([]string{
		epcisAggregation(at(), "ADD", plant, caseA, unit("A1"), unit("A2")),
		epcisAggregation(at(), "ADD", plant, caseB, unit("A3"), unit("A4")),
		epcisAggregation(at(), "ADD", plant, pallet, caseA, caseB),
		string(ship),
		epcisAggregation(at(), "ADD", plant, "urn:epc:id:grai:6901234.00001.1", unit("A5")),
	}, ","))
	a := l.capture(makerTok, "application/ld+json", doc)
	want := "captured/PackContainer,captured/PackContainer,captured/PackContainer,captured/Ship,captured/<nil>"
	if a.status != http.StatusAccepted || strings.Join(jobCommands(a), ",") != want {
		t.Fatalf("packing and shipping = %d %s", a.status, a.raw)
	}
	time.Sleep(5 * time.Millisecond)
	a = l.capture(shopTok, "application/xml", fmt.Sprintf(epcisXMLReceiving, at(), "urn:epc:id:sscc:6901234.0000000003"))
	if a.status != http.StatusAccepted || strings.Join(jobCommands(a), ",") != "captured/ConfirmReceipt" {
		t.Fatalf("receiving the pallet = %d %s", a.status, a.raw)
	}
	tr := l.get("/api/v1/batches/6901234567892/L1/trace", reg, a.position)
	if h := holders(t, tr); h[shop] != (tally{InStock: 4}) {
		t.Fatalf("trace after the pallet's receipt = %+v, want its 4 units at the shop", h)
	}
	for _, s := range []string{"A1", "A2", "A3", "A4"} {
		p := l.get("/api/v1/items/"+url.PathEscape("/01/06901234567892/10/L1/21/"+s)+"/trace", reg, a.position)
		if p.body["state"] != "in_stock" || p.body["holder_uscc"] != shop {
			t.Fatalf("unit %s: %s, want in stock at the shop", s, p.raw)
		}
	}
	if c := l.get("/api/v1/containers/069012340000000030", shopTok, a.position); c.body["holder_uscc"] != shop || c.body["units"].(float64) != 4 {
		t.Fatalf("pallet = %s", c.raw)
	}
}

// TestATransformationCapturedByADairyLetsARecallOfTheMilkReachTheFormula:
// a dairy captures a TransformationEvent turning a raw-milk lot it received
// into a formula lot and ships some formula to a shop; the farm's recall
// of the milk lists the shop among the holders. A transformation into a
// lot nobody registered is refused naming the EPCIS field.
func TestATransformationCapturedByADairyLetsARecallOfTheMilkReachTheFormula(t *testing.T) {
	l := startLedger(t)
	reg := l.token(access.RoleRegulator, "")
	farm, dairy, shop := newUSCC(t, "91150100MA0N1F200"), newUSCC(t, "91230100MA1B2C400"), newUSCC(t, "91110105MA0011300")
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
	today := time.Now()
	day := func(d int) string { return today.AddDate(0, 0, d).Format(time.DateOnly) }
	l.must("/api/v1/batches", tf, map[string]any{"gtin": milk, "lot": "RM1", "quantity": 1000, "produced_on": day(-2), "expires_on": day(8), "owner_uscc": farm})
	l.must("/api/v1/batches", tdy, map[string]any{"gtin": formula, "lot": "IF1", "quantity": 200, "produced_on": day(-1), "expires_on": day(700), "owner_uscc": dairy})
	l.must("/api/v1/enterprises/"+dairy+"/locations", tdy, map[string]any{"gln": "6901234000009", "name": "乳品厂"})
	s := l.must("/api/v1/shipments", tf, map[string]any{"from_uscc": farm, "to_uscc": dairy, "waybill": "RAW-1",
		"lines": []map[string]any{{"gtin": milk, "lot": "RM1", "quantity": 1000}}})
	l.must("/api/v1/shipments/"+s.body["shipment_id"].(string)+"/receipt", tdy, nil)

	at := func() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z") }
	transform := func(outputLot string) string {
		b, _ := json.Marshal(map[string]any{"type": "TransformationEvent", "eventTime": at(), "eventTimeZoneOffset": "+08:00",
			"inputQuantityList":  []map[string]any{{"epcClass": "urn:epc:class:lgtin:6901234.056789.RM1", "quantity": 1000}},
			"outputQuantityList": []map[string]any{{"epcClass": "https://id.gs1.org/01/0" + formula + "/10/" + outputLot, "quantity": 200}},
			"bizStep":            "commissioning", "bizLocation": map[string]any{"id": "urn:epc:id:sgln:6901234.00000.0"}})
		return fmt.Sprintf(epcisJSONLD, at(), string(b))
	}
	head := l.head()
	a := l.capture(tdy, "application/ld+json", transform("IF9"))
	if a.body["success"] != false || strings.Join(jobErrors(a), ",") != "0:not_found" || !strings.Contains(a.raw, "outputQuantityList[0]") || l.head() != head {
		t.Fatalf("a transformation into an unregistered lot = %d %s", a.status, a.raw)
	}
	a = l.capture(tdy, "application/ld+json", transform("IF1"))
	if a.status != http.StatusAccepted || strings.Join(jobCommands(a), ",") != "captured/RecordTransformation" {
		t.Fatalf("transformation = %d %s", a.status, a.raw)
	}
	s2 := l.must("/api/v1/shipments", tdy, map[string]any{"from_uscc": dairy, "to_uscc": shop, "waybill": "IF-1",
		"lines": []map[string]any{{"gtin": formula, "lot": "IF1", "quantity": 50}}})
	l.must("/api/v1/shipments/"+s2.body["shipment_id"].(string)+"/receipt", ts, nil)

	rc := l.must("/api/v1/recalls", tf, map[string]any{"batches": []map[string]any{{"gtin": milk, "lot": "RM1"}}, "level": 1,
		"reason": "黄曲霉毒素M1超标", "initiated_by_uscc": farm})
	list := l.get("/api/v1/recalls/"+rc.body["recall_id"].(string), reg, rc.position)
	for _, row := range list.body["holders"].([]any) {
		if m := row.(map[string]any); m["uscc"] == shop && m["in_stock"].(float64) == 50 {
			return
		}
	}
	t.Fatalf("the recall of the milk does not reach the shop holding formula IF1: %s", list.raw)
}
