package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/access"
)

// capture posts an EPCIS document with a content type and answers the job.
func (l *ledger) capture(token, contentType, doc string) answer {
	l.t.Helper()
	req, _ := http.NewRequestWithContext(l.t.Context(), "POST", l.base+"/epcis/capture", strings.NewReader(doc))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, raw: string(raw), position: resp.Header.Get("X-Traceledger-Position")}
	_ = json.Unmarshal(raw, &a.body)
	if a.status == http.StatusAccepted && resp.Header.Get("Location") != "/epcis/capture/"+fmt.Sprint(a.body["captureID"]) {
		l.t.Fatalf("202 without the job's Location: %q", resp.Header.Get("Location"))
	}
	return a
}

// jobErrors lists a job's faults as "index:rule".
func jobErrors(a answer) []string {
	var out []string
	errs, _ := a.body["errors"].([]any)
	for _, e := range errs {
		m := e.(map[string]any)
		out = append(out, fmt.Sprintf("%v:%v", m["eventIndex"], m["rule"]))
	}
	return out
}

// jobCommands lists a job's events as "outcome/command".
func jobCommands(a answer) []string {
	var out []string
	evs, _ := a.body["events"].([]any)
	for _, e := range evs {
		m := e.(map[string]any)
		out = append(out, fmt.Sprintf("%v/%v", m["outcome"], m["command"]))
	}
	return out
}

const epcisXMLShipping = `<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="%[1]s">
  <EPCISBody><EventList><ObjectEvent>
    <eventTime>%[1]s</eventTime><eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
    <epcList><epc>https://id.gs1.org/01/06901234567892/10/L1/21/A1</epc><epc>https://id.gs1.org/01/06901234567892/10/L1/21/A2</epc></epcList>
    <action>OBSERVE</action>
    <bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>
    <disposition>urn:epcglobal:cbv:disp:in_transit</disposition>
    <bizLocation><id>urn:epc:id:sgln:6901234.00000.0</id></bizLocation>
    <bizTransactionList><bizTransaction type="urn:epcglobal:cbv:btt:desadv">urn:epcglobal:cbv:bt:6901234000009:DESADV-1</bizTransaction></bizTransactionList>
    <destinationList><destination type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:6901234.00001</destination></destinationList>
  </ObjectEvent></EventList></EPCISBody>
</epcis:EPCISDocument>`

const epcisJSONLD = `{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",
 "schemaVersion":"2.0","creationDate":"%[1]s","epcisBody":{"eventList":[%[2]s]}}`

func jsonLDEvent(at, step, location string, items ...string) string {
	b, _ := json.Marshal(map[string]any{"type": "ObjectEvent", "eventTime": at, "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
		"bizStep": step, "epcList": items, "bizLocation": map[string]any{"id": location}})
	return string(b)
}

// epcisWorld is a maker and a shop with their GLNs, and two labelled units
// of the maker's batch.
func epcisWorld(t *testing.T) (l *ledger, makerTok, shopTok, reg string) {
	l = startLedger(t)
	reg = l.token(access.RoleRegulator, "")
	maker, shop := newUSCC(t, "91330100MA2H0E000"), newUSCC(t, "91330100MA2H0E001")
	l.must("/api/v1/enterprises", reg, map[string]any{"uscc": maker, "name": "杭州味全食品有限公司", "region": "浙江", "roles": []string{"manufacturer"}})
	l.must("/api/v1/enterprises", reg, map[string]any{"uscc": shop, "name": "联华超市", "region": "浙江", "roles": []string{"retailer"}})
	makerTok, shopTok = l.token(access.RoleEnterprise, maker), l.token(access.RoleEnterprise, shop)
	l.must("/api/v1/products", makerTok, map[string]any{"gtin": "6901234567892", "name": "酸奶", "brand": "味全", "spec": "200g", "category": "乳制品",
		"origin_country": "CN", "manufacturer": "味全", "owner_uscc": maker, "shelf_life_days": 21})
	today := time.Now()
	l.must("/api/v1/batches", makerTok, map[string]any{"gtin": "6901234567892", "lot": "L1", "quantity": 10, "produced_on": today.AddDate(0, 0, -1).Format(time.DateOnly),
		"expires_on": today.AddDate(0, 0, 20).Format(time.DateOnly), "owner_uscc": maker})
	l.must("/api/v1/labels", makerTok, map[string]any{"gtin": "6901234567892", "lot": "L1", "owner_uscc": maker, "serials": []string{"A1", "A2"}})
	l.must("/api/v1/enterprises/"+maker+"/locations", makerTok, map[string]any{"gln": "6901234000009", "name": "杭州工厂"})
	l.must("/api/v1/enterprises/"+shop+"/locations", shopTok, map[string]any{"gln": "6901234000016", "name": "联华超市南京路店"})
	return l, makerTok, shopTok, reg
}

// TestAShipmentCapturedAsXMLAndItsReceiptAsJSONLDMoveTheGoods: the maker
// captures its shipping event as XML, the shop its receiving event as
// JSON-LD (identifiers as Digital Links); the trace and the recall list
// show the units at the shop. Capturing the same event again appends nothing; a document with one
// bad event appends nothing and its job names the rule.
func TestAShipmentCapturedAsXMLAndItsReceiptAsJSONLDMoveTheGoods(t *testing.T) {
	l, makerTok, shopTok, reg := epcisWorld(t)
	at := func() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z") }
	ship := fmt.Sprintf(epcisXMLShipping, at())
	a := l.capture(makerTok, "application/xml", ship)
	if a.status != http.StatusAccepted || a.body["success"] != true || strings.Join(jobCommands(a), ",") != "captured/Ship" {
		t.Fatalf("shipping = %d %s", a.status, a.raw)
	}
	time.Sleep(5 * time.Millisecond)
	items := []string{"https://id.gs1.org/01/06901234567892/10/L1/21/A1", "https://id.gs1.org/01/06901234567892/10/L1/21/A2"}
	receive := fmt.Sprintf(epcisJSONLD, at(), jsonLDEvent(at(), "receiving", "https://id.gs1.org/414/6901234000016", items...))
	a = l.capture(shopTok, "application/ld+json", receive)
	if a.status != http.StatusAccepted || strings.Join(jobCommands(a), ",") != "captured/ConfirmReceipt" {
		t.Fatalf("receiving = %d %s", a.status, a.raw)
	}
	tr := l.do("GET", "/api/v1/batches/06901234567892/L1/trace"+a.after(), reg, nil)
	holders := map[string]float64{}
	for _, h := range tr.body["holders"].([]any) {
		m := h.(map[string]any)
		holders[m["name"].(string)] = m["in_stock"].(float64)
	}
	if tr.status != 200 || holders["联华超市"] != 2 || holders["杭州味全食品有限公司"] != 8 {
		t.Fatalf("trace after capture = %d %v", tr.status, holders)
	}
	job := l.do("GET", "/epcis/capture/"+fmt.Sprint(a.body["captureID"])+a.after(), shopTok, nil)
	if job.status != 200 || job.body["success"] != true {
		t.Fatalf("job = %d %s", job.status, job.raw)
	}
	if other := l.do("GET", "/epcis/capture/"+fmt.Sprint(a.body["captureID"]), makerTok, nil); other.status != http.StatusNotFound {
		t.Fatalf("another enterprise's job = %d", other.status)
	}
	hist := l.do("GET", "/api/v1/items/"+url.PathEscape(items[0])+"/history"+a.after(), reg, nil)
	if !strings.Contains(hist.raw, "epcis.event_captured.v1") {
		t.Fatalf("the item's history lacks its captured events: %s", hist.raw)
	}

	head := l.head()
	a = l.capture(makerTok, "application/xml", ship)
	if a.status != http.StatusAccepted || strings.Join(jobCommands(a), ",") != "already_captured/<nil>" || l.head() != head {
		t.Fatalf("capturing again = %d %s, head %v -> %v", a.status, a.raw, head, l.head())
	}

	bad := fmt.Sprintf(epcisJSONLD, at(), jsonLDEvent(at(), "retail_selling", "urn:epc:id:sgln:6901234.00001.0", items[0])+","+
		jsonLDEvent(at(), "retail_selling", "urn:epc:id:sgln:6901234.00002.0", items[1]))
	a = l.capture(shopTok, "application/json", bad)
	if a.status != http.StatusAccepted || a.body["success"] != false || strings.Join(jobErrors(a), ",") != "1:unknown_gln" || l.head() != head {
		t.Fatalf("a document with one bad event = %d %s, head %v -> %v", a.status, a.raw, head, l.head())
	}
	if job := l.do("GET", "/epcis/capture/"+fmt.Sprint(a.body["captureID"]), shopTok, nil); job.status != 200 || job.body["success"] != false {
		t.Fatalf("refused job = %d %s", job.status, job.raw)
	}
	// The fault names its reason and the GLN, for a client to tell it in its reader's language.
	if e := a.body["errors"].([]any)[0].(map[string]any); e["reason"] != "epcis_unknown_gln" || fmt.Sprint(e["params"]) != "[6901234000023]" {
		t.Errorf("the refused event's reason %v params %v, want epcis_unknown_gln [6901234000023]", e["reason"], e["params"])
	}
	if list := l.do("GET", "/epcis/capture", shopTok, nil); list.status != 200 || len(list.body["jobs"].([]any)) != 1 {
		t.Fatalf("the shop's jobs = %d %s", list.status, list.raw)
	}

	// The binding's perPage and nextPageToken page the jobs a regulator
	// reads: the maker's shipping, then the shop's receipt.
	first := l.do("GET", "/epcis/capture?perPage=1", reg, nil)
	next, _ := first.body["next"].(string)
	if first.status != 200 || len(first.body["jobs"].([]any)) != 1 || next == "" {
		t.Fatalf("first page of jobs = %d %s", first.status, first.raw)
	}
	second := l.do("GET", "/epcis/capture?perPage=1&nextPageToken="+url.QueryEscape(next), reg, nil)
	if second.status != 200 || len(second.body["jobs"].([]any)) != 1 || second.body["next"] != nil || second.raw == first.raw {
		t.Fatalf("second page of jobs = %d %s", second.status, second.raw)
	}

	// A recall of the batch lists the shop as holding the two units the
	// captured events moved.
	usccOf := map[string]string{}
	for _, h := range tr.body["holders"].([]any) {
		m := h.(map[string]any)
		usccOf[m["name"].(string)], _ = m["uscc"].(string)
	}
	rc := l.must("/api/v1/recalls", makerTok, map[string]any{"batches": []map[string]any{{"gtin": "6901234567892", "lot": "L1"}},
		"level": 3, "reason": "标签错误", "initiated_by_uscc": usccOf["杭州味全食品有限公司"]})
	recall := l.get("/api/v1/recalls/"+rc.body["recall_id"].(string), reg, rc.position)
	for _, row := range recall.body["holders"].([]any) {
		if m := row.(map[string]any); m["uscc"] == usccOf["联华超市"] && m["in_stock"].(float64) == 2 {
			return
		}
	}
	t.Fatalf("the recall list does not show the shop holding the 2 captured units: %s", recall.raw)
}

// TestCaptureRefusesUnsupportedVersionsAndMediaTypes: the binding's
// negotiation answers.
func TestCaptureRefusesUnsupportedVersionsAndMediaTypes(t *testing.T) {
	l, makerTok, _, _ := epcisWorld(t)
	req := func(method, contentType string, headers ...string) int {
		r, _ := http.NewRequestWithContext(t.Context(), method, l.base+"/epcis/capture", bytes.NewReader([]byte(`{}`)))
		r.Header.Set("Authorization", "Bearer "+makerTok)
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
		}
		for i := 0; i+1 < len(headers); i += 2 {
			r.Header.Set(headers[i], headers[i+1])
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if method == "OPTIONS" && (resp.Header.Get("GS1-EPCIS-Capture-Limit") != "10000" || resp.Header.Get("GS1-EPCIS-Capture-File-Size-Limit") == "") {
			t.Fatalf("OPTIONS advertises no limits: %v", resp.Header)
		}
		return resp.StatusCode
	}
	for _, c := range []struct {
		name string
		got  int
		want int
	}{
		{"options", req("OPTIONS", ""), http.StatusNoContent},
		{"text/plain", req("POST", "text/plain"), http.StatusUnsupportedMediaType},
		{"EPCIS 1.2", req("POST", "application/json", "GS1-EPCIS-Version", "1.2.0"), http.StatusNotAcceptable},
		{"CBV 1.2", req("POST", "application/json", "GS1-CBV-Version", "1.2.0"), http.StatusNotAcceptable},
		{"proceed", req("POST", "application/json", "GS1-Capture-Error-Behaviour", "proceed"), http.StatusNotAcceptable},
		{"not a document", req("POST", "application/json"), http.StatusBadRequest},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
}

// exampleOutcomes is what capture makes of each of GS1's example
// documents, captured in this order by an enterprise that registered the
// examples' business locations (their other parties belong to a second
// one): "captured N" events, "already" when every event was captured
// before, the rules of a refused document's faults as "index:rule", or the
// status of a document that cannot be read.
var exampleOutcomes = map[string]string{
	"json/EPCISQueryDocument.jsonld":                                                     "refused 0:event_hash_mismatch 1:event_hash_mismatch",
	"json/Example-TransactionEvents-2020_07_03y.jsonld":                                  "refused 0:unknown_gln",
	"json/Example_9.6.1-ObjectEvent-with-pseudo-SBDH-headers.jsonld":                     "refused 0:event_hash_mismatch 1:event_hash_mismatch",
	"json/Example_9.6.1-ObjectEvent.jsonld":                                              "refused 0:event_hash_mismatch 1:event_hash_mismatch",
	"json/Example_9.6.1-with-comment.jsonld":                                             "refused 0:event_hash_mismatch 1:event_hash_mismatch",
	"json/Example_9.6.2-ObjectEvent.jsonld":                                              "refused 0:event_hash_mismatch",
	"json/Example_9.6.3-AggregationEvent.jsonld":                                         "refused 0:event_hash_mismatch",
	"json/Example_9.6.4-TransformationEvent.jsonld":                                      "refused 0:event_hash_mismatch",
	"json/PersistentDisposition-example.jsonld":                                          "refused 0:event_hash_mismatch 1:event_hash_mismatch",
	"json/WithDigitalLinkID__Example_9.6.1-ObjectEventWithDigitalLink.jsonld":            "refused 0:event_hash_mismatch 1:event_hash_mismatch",
	"json/WithDigitalLinkID__Example_9.6.2-ObjectEventWithDigitalLink.jsonld":            "refused 0:event_hash_mismatch",
	"json/WithDigitalLinkID__Example_9.6.3-AggregationEventWithDigitalLink.jsonld":       "refused 0:event_hash_mismatch",
	"json/WithDigitalLinkID__Example_9.6.4-TransformationEventWithDigitalLink.jsonld":    "refused 0:event_hash_mismatch",
	"json/WithErrorDeclaration__Example_9.6.1-ObjectEvent-with-error-declaration.jsonld": "refused 0:event_hash_mismatch 1:event_hash_mismatch",
	"json/WithFullCombinationOfFields__aggregation_event_all_possible_fields.jsonld":     "refused 0:event_hash_mismatch",
	"json/WithFullCombinationOfFields__association_event_all_possible_fields.jsonld":     "refused 0:event_hash_mismatch",
	"json/WithFullCombinationOfFields__object_event_all_possible_fields.jsonld":          "refused 0:not_in_transit",
	"json/WithFullCombinationOfFields__transaction_event_all_possible_fields.jsonld":     "refused 0:event_hash_mismatch",
	"json/WithFullCombinationOfFields__transformation_event_all_possible_fields.jsonld":  "refused 0:event_hash_mismatch",
	"json/WithSensorData__SensorDataExample1.jsonld":                                     "refused 0:event_hash_mismatch",
	"json/WithSensorData__SensorDataExample1b.jsonld":                                    "refused 0:event_hash_mismatch",
	"json/WithSensorData__SensorDataExample2.jsonld":                                     "refused 0:event_hash_mismatch",
	"json/WithSensorData__SensorDataExample3.jsonld":                                     "refused 0:event_hash_mismatch",
	"json/WithSensorData__SensorDataExample4.jsonld":                                     "refused 0:event_hash_mismatch",
	"json/WithSensorData__SensorDataExample5.jsonld":                                     "refused 0:event_hash_mismatch",
	"json/WithSensorData__SensorDataExample6.jsonld":                                     "refused 0:event_hash_mismatch",
	"json/WithSensorData__SensorDataExample7.jsonld":                                     "refused 0:event_hash_mismatch",
	"json/WithSensorData__SensorDataExample8.jsonld":                                     "refused 0:event_hash_mismatch",
	"json/WithSensorData__SensorDataExample9.jsonld":                                     "refused 0:unknown_gln",
	"xml/CaptureJob__Example-CaptureJobRunning.xml":                                      "400 epcisException:ValidationException: not an EPCISDocument: root element is EPCISCaptureJob",
	"xml/CaptureJob__Example-CaptureJobSuccess.xml":                                      "400 epcisException:ValidationException: not an EPCISDocument: root element is EPCISCaptureJob",
	"xml/CaptureJob__Example-CaptureJobWithErrorFile.xml":                                "400 epcisException:ValidationException: not an EPCISDocument: root element is EPCISCaptureJob",
	"xml/CaptureJob__Example-CaptureJobWithErrors.xml":                                   "400 epcisException:ValidationException: not an EPCISDocument: root element is EPCISCaptureJob",
	"xml/Example-PersistentDisposition.xml":                                              "captured 2",
	"xml/Example-TransactionEvent-2020_07_03y.xml":                                       "refused 0:unknown_gln",
	"xml/Example_9.6.1-ObjectEvent-2020_06_18a.xml":                                      "refused 0:unknown_gln 1:item_without_lot",
	"xml/WithErrorDeclaration__ErrorDeclarationAndCorrectiveEvent.xml":                   "refused 0:unknown_gln 1:unknown_gln",
	"xml/WithEventHashID__event_with_identical_hash_id_1.xml":                            "refused 0:item_without_lot",
	"xml/WithEventHashID__event_with_identical_hash_id_2.xml":                            "refused 0:item_without_lot",
	"xml/WithEventHashID__event_with_identical_hash_id_3.xml":                            "refused 0:item_without_lot",
	"xml/WithEventHashID__event_with_identical_hash_id_4.xml":                            "refused 0:item_without_lot",
	"xml/WithEventHashID__event_with_identical_hash_id_5.xml":                            "refused 0:item_without_lot",
	"xml/WithEventHashID__event_with_identical_hash_id_6.xml":                            "refused 0:item_without_lot",
	"xml/WithEventHashID__event_with_identical_hash_id_7.json":                           "refused 0:item_without_lot",
	"xml/WithFullCombinationOfFields__aggregation_event_all_possible_fields.xml":         "captured 1",
	"xml/WithFullCombinationOfFields__association_event_all_possible_fields.xml":         "captured 1",
	"xml/WithFullCombinationOfFields__masterdata_all_possible_fields.xml":                "400 epcisException:ValidationException: the document's eventList holds no event",
	"xml/WithFullCombinationOfFields__object_event_all_possible_fields.xml":              "refused 0:item_without_lot",
	"xml/WithFullCombinationOfFields__transaction_event_all_possible_fields.xml":         "refused 0:unknown_gln",
	"xml/WithFullCombinationOfFields__transformation_event_all_possible_fields.xml":      "refused 0:item_without_lot",
	"xml/WithSensorData__SensorDataExamples.xml":                                         "refused 0:unknown_gln 1:unknown_gln 2:unknown_gln 3:unknown_gln 4:unknown_gln 5:unknown_gln 6:unknown_gln 7:unknown_gln 8:unknown_gln 9:unknown_gln 10:unknown_gln 11:unknown_gln 12:unknown_gln 13:unknown_gln",
}

func TestEveryEPCISExampleIsCapturedOrRefusedNamingTheRule(t *testing.T) {
	l := startLedger(t)
	reg := l.token(access.RoleRegulator, "")
	x, y := newUSCC(t, "91330100MA2H0X000"), newUSCC(t, "91330100MA2H0Y000")
	l.must("/api/v1/enterprises", reg, map[string]any{"uscc": x, "name": "Example Receiver", "region": "浙江", "roles": []string{"distributor"}})
	l.must("/api/v1/enterprises", reg, map[string]any{"uscc": y, "name": "Example Supplier", "region": "浙江", "roles": []string{"manufacturer"}})
	for _, g := range []string{"0614141008889", "0012345111112", "0037000007296", "9529999999993", "9520053850113", "4023333000017"} {
		l.must("/api/v1/enterprises/"+x+"/locations", reg, map[string]any{"gln": g, "name": "example " + g})
	}
	for _, g := range []string{"4012345002256", "4012345000016", "0614141007776", "0614141000012", "9520001111112", "9520999999990", "9520053854814"} {
		l.must("/api/v1/enterprises/"+y+"/locations", reg, map[string]any{"gln": g, "name": "example " + g})
	}
	xTok := l.token(access.RoleEnterprise, x)
	var files []string
	for _, dir := range []string{"json", "xml"} {
		fs, _ := filepath.Glob(filepath.Join(epcisTestdata, dir, "*"))
		files = append(files, fs...)
	}
	sort.Strings(files)
	if len(files) < 40 {
		t.Fatalf("found %d example documents", len(files))
	}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ct := "application/ld+json"
		if strings.HasSuffix(f, ".xml") {
			ct = "application/xml"
		}
		head := l.head()
		a := l.capture(xTok, ct, string(body))
		got := outcomeOf(a)
		if !strings.HasPrefix(got, "captured") && l.head() != head {
			t.Errorf("%s: %s but the log head moved", filepath.Base(f), got)
		}
		name := filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f)
		if want, ok := exampleOutcomes[name]; !ok || want != got {
			t.Errorf("%q: %q (want %q)", name, got, want)
		}
	}
}

const epcisTestdata = "/work/shared/testdata/epcis"

func outcomeOf(a answer) string {
	switch {
	case a.status != http.StatusAccepted:
		e, _ := a.body["error"].(map[string]any)
		return fmt.Sprintf("%d %v", a.status, e["message"])
	case a.body["success"] != true:
		return "refused " + strings.Join(jobErrors(a), " ")
	}
	cmds := jobCommands(a)
	n := 0
	for _, c := range cmds {
		if strings.HasPrefix(c, "captured") {
			n++
		}
	}
	if n == 0 {
		return "already"
	}
	return fmt.Sprintf("captured %d", n)
}

// TestTheToursEPCISDocumentIsCaptured: the README's capture command works
// on the tour's ledger, and sending it twice appends nothing.
func TestTheToursEPCISDocumentIsCaptured(t *testing.T) {
	l := startLedger(t)
	reg := l.token(access.RoleRegulator, "")
	const imp = "91330100MA2H8T0R08"
	l.must("/api/v1/enterprises", reg, map[string]any{"uscc": imp, "name": "杭州西溪进出口有限公司", "region": "浙江杭州", "roles": []string{"importer", "distributor"}, "food_operator": true})
	tok := l.token(access.RoleEnterprise, imp)
	l.must("/api/v1/enterprises/"+imp+"/locations", tok, map[string]any{"gln": "6901234000009", "name": "杭州西溪冷库"})
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "epcis", "tour-sensor-reading.jsonld"))
	if err != nil {
		t.Fatal(err)
	}
	a := l.capture(tok, "application/ld+json", string(doc))
	if a.status != http.StatusAccepted || outcomeOf(a) != "captured 1" {
		t.Fatalf("tour capture = %d %s", a.status, a.raw)
	}
	head := l.head()
	if a = l.capture(tok, "application/ld+json", string(doc)); outcomeOf(a) != "already" || l.head() != head {
		t.Fatalf("again = %s, head %v -> %v", a.raw, head, l.head())
	}
	locs := l.do("GET", "/api/v1/enterprises/"+imp+"/locations", tok, nil)
	if locs.status != 200 || !strings.Contains(locs.raw, "6901234000009") {
		t.Fatalf("locations = %d %s", locs.status, locs.raw)
	}
}

// TestCaptureJobsSurviveARestart: a job that appended (in the log) and one
// refused (in the job book) both answer after the server restarts.
func TestCaptureJobsSurviveARestart(t *testing.T) {
	l, makerTok, shopTok, _ := epcisWorld(t)
	at := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	ok := l.capture(makerTok, "application/xml", fmt.Sprintf(epcisXMLShipping, at))
	bad := l.capture(shopTok, "application/json", fmt.Sprintf(epcisJSONLD, at, jsonLDEvent(at, "retail_selling", "urn:epc:id:sgln:6901234.00002.0",
		"https://id.gs1.org/01/06901234567892/10/L1/21/A1")))
	if ok.body["success"] != true || bad.body["success"] != false {
		t.Fatalf("jobs: %s / %s", ok.raw, bad.raw)
	}
	l.stop()
	l2 := startLedgerOn(t, l.data)
	for _, c := range []struct {
		a   answer
		tok string
	}{{ok, makerTok}, {bad, shopTok}} {
		got := l2.do("GET", "/epcis/capture/"+fmt.Sprint(c.a.body["captureID"])+"?min_position="+c.a.position, c.tok, nil)
		if c.a.position == "" {
			got = l2.do("GET", "/epcis/capture/"+fmt.Sprint(c.a.body["captureID"]), c.tok, nil)
		}
		if got.status != 200 || got.body["success"] != c.a.body["success"] {
			t.Fatalf("after a restart: %d %s", got.status, got.raw)
		}
	}
}
