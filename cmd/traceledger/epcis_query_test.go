package main

import (
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/transparency-dev/merkle/proof"
	"golang.org/x/mod/sumdb/note"

	"github.com/traceledger/traceledger/adapters/epcis/querydoc/querydoctest"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/projections/merkle"
)

// epcisFixture is a ledger whose goods went through every rendered kind
// of event: registration, labelling, customs declaration, inspection and
// release, shipments and receipts, a sale, a market inspection, a
// withdrawal and its disposal, a recall and a return.
type epcisFixture struct {
	*ledger
	reg, imp, dist, stranger string
	tImp, tDist, tStranger   string
	gtin, lot                string
	pos                      string // the log's position once recorded
}

func newEPCISFixture(t *testing.T) *epcisFixture {
	t.Helper()
	l := startLedger(t)
	f := &epcisFixture{ledger: l, reg: l.token(access.RoleRegulator, ""), gtin: "3017620422003", lot: "L2611A",
		imp: newUSCC(t, "91310000MA1FL0000"), dist: newUSCC(t, "91440300MA5DC0000"), stranger: newUSCC(t, "91110105MA0011000")}
	for _, e := range []struct{ uscc, name, role string }{{f.imp, "上海明辉进出口贸易有限公司", "importer"},
		{f.dist, "深圳华南食品分销有限公司", "retailer"}, {f.stranger, "北京京品超市有限公司", "retailer"}} {
		l.must("/api/v1/enterprises", f.reg, map[string]any{"uscc": e.uscc, "name": e.name, "region": "中国", "roles": []string{e.role}, "contact": "400-000-0000"})
	}
	f.tImp, f.tDist, f.tStranger = l.token(access.RoleEnterprise, f.imp), l.token(access.RoleEnterprise, f.dist), l.token(access.RoleEnterprise, f.stranger)
	gtin, lot := f.gtin, f.lot
	code := func(s string) string { return "/01/0" + gtin + "/10/" + lot + "/21/" + s }
	l.must("/api/v1/products", f.tImp, map[string]any{"gtin": gtin, "name": "榛子可可酱", "brand": "Nutella", "spec": "750g", "category": "休闲食品",
		"origin_country": "FR", "manufacturer": "Ferrero France", "owner_uscc": f.imp, "shelf_life_days": 365})
	l.must("/api/v1/products/"+gtin+"/notifications", f.tImp, map[string]any{"notifier_uscc": f.imp, "record_no": "BA2026000001"})
	l.must("/api/v1/products/"+gtin+"/verification", f.reg, map[string]any{"valid": true})
	l.must("/api/v1/batches", f.tImp, map[string]any{"gtin": gtin, "lot": lot, "quantity": 100, "produced_on": "2026-10-01", "expires_on": "2027-09-30", "owner_uscc": f.imp})
	l.must("/api/v1/labels", f.tImp, map[string]any{"gtin": gtin, "lot": lot, "owner_uscc": f.imp, "serials": []string{"S1", "S2", "S3"}})
	const decl = "531620261000012345"
	l.must("/api/v1/customs/declarations", f.tImp, map[string]any{"declaration_no": decl, "port": "上海洋山港", "importer_uscc": f.imp,
		"lines": []map[string]any{{"gtin": gtin, "lot": lot, "quantity": 100, "hs_code": "1806900000", "origin_country": "FR"}}})
	l.must("/api/v1/customs/declarations/"+decl+"/inspection", f.reg, map[string]any{"result": "pass"})
	l.must("/api/v1/customs/declarations/"+decl+"/release", f.reg, map[string]any{"decision": "released"})
	a := l.must("/api/v1/shipments", f.tImp, map[string]any{"from_uscc": f.imp, "to_uscc": f.dist, "waybill": "SF 1001", "items": []string{code("S1"), code("S2")},
		"lines": []map[string]any{{"gtin": gtin, "lot": lot, "quantity": 20}}})
	l.must("/api/v1/shipments/"+a.body["shipment_id"].(string)+"/receipt", f.tDist, nil)
	l.must("/api/v1/sales", f.tDist, map[string]any{"seller_uscc": f.dist, "channel": "门店零售", "items": []string{code("S1")},
		"lines": []map[string]any{{"gtin": gtin, "lot": lot, "quantity": 2}}})
	l.must("/api/v1/inspections", f.reg, map[string]any{"gtin": gtin, "lot": lot, "enterprise_uscc": f.dist, "result": "fail", "findings": "标签不合格"})
	l.must("/api/v1/withdrawals", f.tDist, map[string]any{"gtin": gtin, "lot": lot, "holder_uscc": f.dist, "reason": "expired", "quantity": 3})
	l.must("/api/v1/withdrawals/disposals", f.tDist, map[string]any{"gtin": gtin, "lot": lot, "holder_uscc": f.dist, "disposition": "destroyed", "quantity": 3})
	rc := l.must("/api/v1/recalls", f.reg, map[string]any{"batches": []map[string]any{{"gtin": gtin, "lot": lot}}, "level": 2,
		"reason": "标签过敏原信息缺失", "initiated_by_uscc": f.imp})
	last := l.must("/api/v1/recalls/"+rc.body["recall_id"].(string)+"/returns", f.tDist, map[string]any{"holder_uscc": f.dist,
		"items": []string{code("S2")}, "quantity": 5, "disposition": "returned"})
	f.pos = last.position
	return f
}

// epcisAnswer is an answer of the EPCIS interface as bytes and headers.
type epcisAnswer struct {
	status int
	raw    []byte
	header http.Header
}

// epcis asks path (with min_position) with a token and request headers
// given as name, value pairs.
func (f *epcisFixture) epcis(path, token string, headers ...string) epcisAnswer {
	f.t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	req, _ := http.NewRequestWithContext(f.t.Context(), "GET", f.base+path+sep+"min_position="+f.pos, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return epcisAnswer{status: resp.StatusCode, raw: b, header: resp.Header}
}

type epcisDoc struct {
	Checkpoint string `json:"tl:checkpoint"`
	Proofs     []struct {
		EventID    string   `json:"eventID"`
		RecordHash string   `json:"record_hash"`
		LeafIndex  uint64   `json:"leaf_index"`
		TreeSize   uint64   `json:"tree_size"`
		Hashes     []string `json:"hashes"`
	} `json:"tl:proofs"`
	EPCISBody struct {
		QueryResults struct {
			ResultsBody struct {
				EventList []map[string]any `json:"eventList"`
			} `json:"resultsBody"`
		} `json:"queryResults"`
	} `json:"epcisBody"`
}

// events reads a JSON-LD answer, which must be 200 and validate against
// the EPCIS 2.0 JSON Schema.
func (f *epcisFixture) events(path, token string, headers ...string) ([]map[string]any, epcisAnswer) {
	f.t.Helper()
	a := f.epcis(path, token, headers...)
	if a.status != http.StatusOK {
		f.t.Fatalf("GET %s = %d %s", path, a.status, a.raw)
	}
	querydoctest.ValidateJSON(f.t, a.raw)
	var d epcisDoc
	if err := json.Unmarshal(a.raw, &d); err != nil {
		f.t.Fatal(err)
	}
	return d.EPCISBody.QueryResults.ResultsBody.EventList, a
}

func field(ev map[string]any, k string) string { s, _ := ev[k].(string); return s }

func TestTheEPCISQueryInterface(t *testing.T) {
	f := newEPCISFixture(t)

	t.Run("EveryRenderedEventValidatesAsEPCISInJSONLDAndXML", func(t *testing.T) {
		f.t = t
		evs, a0 := f.events("/epcis/events?perPage=1000", f.reg)
		if testing.Verbose() {
			t.Logf("%s", a0.raw)
		}
		steps := map[string]bool{}
		for _, ev := range evs {
			steps[field(ev, "bizStep")] = true
			if !strings.HasPrefix(field(ev, "eventID"), "ni:///sha-256;") || field(ev, "eventTimeZoneOffset") != "+08:00" {
				t.Fatalf("event without a hash id or zone: %v", ev)
			}
		}
		for _, s := range []string{"creating_class_instance", "commissioning", "arriving", "inspecting", "accepting", "shipping",
			"receiving", "retail_selling", "holding", "destroying"} {
			if !steps[s] {
				t.Errorf("no %s event among %d: %v", s, len(evs), steps)
			}
		}
		f.events("/epcis/events?perPage=1000", f.reg, "GS1-EPC-Format", "Always_EPC_URN")
		for _, format := range []string{"Always_GS1_Digital_Link", "Always_EPC_URN"} {
			x := f.epcis("/epcis/events?perPage=1000&proofs=true", f.reg, "Accept", "application/xml", "GS1-EPC-Format", format)
			if x.status != http.StatusOK || !strings.HasPrefix(x.header.Get("Content-Type"), "application/xml") {
				t.Fatalf("XML answer = %d %s %s", x.status, x.header.Get("Content-Type"), x.raw)
			}
			querydoctest.ValidateXML(t, x.raw)
		}
	})

	t.Run("AShippingEventIsFoundByItsEPCAsURNAndAsDigitalLink", func(t *testing.T) {
		f.t = t
		urn := "urn:epc:id:sgtin:3017620.042200.S2"
		dl := "https://id.gs1.org/01/03017620422003/21/S2"
		for _, q := range []string{urn, dl, "https://id.gs1.org/01/03017620422003/10/L2611A/21/S2"} {
			evs, a := f.events("/epcis/events?EQ_bizStep=shipping&MATCH_epc="+url.QueryEscape(q), f.reg)
			var shipped []map[string]any
			for _, ev := range evs {
				if field(ev, "disposition") == "in_transit" {
					shipped = append(shipped, ev)
				}
			}
			if len(shipped) != 1 || a.header.Get("GS1-EPCIS-Version") == "" {
				t.Fatalf("MATCH_epc=%s: %d shipping events in transit, want 1: %s", q, len(shipped), a.raw)
			}
		}
		evs, _ := f.events("/epcis/events?EQ_bizStep="+url.QueryEscape("urn:epcglobal:cbv:bizstep:shipping")+"&MATCH_epc="+url.QueryEscape(dl), f.reg,
			"GS1-EPC-Format", "Always_EPC_URN")
		if len(evs) == 0 || !slices.Contains(toStrings(evs[0]["epcList"]), urn) {
			t.Fatalf("Always_EPC_URN: %v, want %s in the epcList", evs, urn)
		}
		byResource, _ := f.events("/epcis/epcs/"+url.PathEscape(urn)+"/events", f.reg)
		if len(byResource) < 2 {
			t.Fatalf("/epcis/epcs/{epc}/events = %d events, want its labelling and its shipment at least", len(byResource))
		}
	})

	t.Run("AnEnterpriseReadsOnlyTheEventsOfGoodsItHeld", func(t *testing.T) {
		f.t = t
		mine, _ := f.events("/epcis/events?perPage=1000", f.tDist)
		if len(mine) == 0 {
			t.Fatal("the distributor reads no event of the goods it held")
		}
		none, _ := f.events("/epcis/events?perPage=1000", f.tStranger)
		if len(none) != 0 {
			t.Fatalf("a stranger reads %d events of goods it never held", len(none))
		}
		id := field(mine[0], "eventID")
		other := f.epcis("/epcis/events/"+url.PathEscape(id), f.tStranger)
		missing := f.epcis("/epcis/events/"+url.PathEscape("ni:///sha-256;"+strings.Repeat("0", 64)+"?ver=CBV2.0"), f.tStranger)
		if other.status != http.StatusNotFound || string(other.raw) != string(missing.raw) {
			t.Fatalf("another's event = %d %s; a missing one = %d %s", other.status, other.raw, missing.status, missing.raw)
		}
		if own := f.epcis("/epcis/events/"+url.PathEscape(id), f.tDist); own.status != http.StatusOK {
			t.Fatalf("its own event = %d %s", own.status, own.raw)
		}
	})

	t.Run("PagesWalkToTheEndWithoutGapsOrRepeats", func(t *testing.T) {
		f.t = t
		all, _ := f.events("/epcis/events?perPage=1000&orderBy=eventTime&orderDirection=ASC", f.reg)
		for _, order := range []string{"", "&orderBy=eventTime&orderDirection=ASC", "&orderBy=recordTime"} {
			var ids []string
			next := "/epcis/events?perPage=3" + order
			for pages := 0; next != ""; pages++ {
				if pages > len(all) {
					t.Fatal("the pages do not end")
				}
				evs, a := f.events(next, f.reg)
				for _, ev := range evs {
					ids = append(ids, field(ev, "eventID"))
				}
				next = ""
				if m := regexp.MustCompile(`<([^>]+)>; rel="next"`).FindStringSubmatch(a.header.Get("Link")); m != nil {
					u, _ := url.Parse(m[1])
					q := u.Query()
					q.Del("min_position")
					next = u.Path + "?" + q.Encode()
				}
			}
			sorted := slices.Clone(ids)
			slices.Sort(sorted)
			if len(ids) != len(all) || len(slices.Compact(sorted)) != len(all) {
				t.Fatalf("order %q: walked %d events (%d distinct), want %d", order, len(ids), len(slices.Compact(sorted)), len(all))
			}
		}
	})

	t.Run("AnEventsInclusionProofChecksAgainstTheSignedCheckpoint", func(t *testing.T) {
		f.t = t
		var d epcisDoc
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(200 * time.Millisecond) {
			_, a := f.events("/epcis/events?EQ_bizStep=retail_selling&proofs=true", f.reg)
			d = epcisDoc{}
			_ = json.Unmarshal(a.raw, &d)
			if len(d.Proofs) == 1 || time.Now().After(deadline) {
				break
			}
		}
		if len(d.Proofs) != 1 {
			t.Fatalf("no proof of the sale after 10 s: %+v", d)
		}
		var head struct {
			VerifierKey string `json:"verifier_key"`
		}
		h := f.do("GET", "/api/v1/ledger/head", "", nil)
		_ = json.Unmarshal([]byte(h.raw), &head)
		v, err := note.NewVerifier(head.VerifierKey)
		if err != nil {
			t.Fatal(err)
		}
		n, err := note.Open([]byte(d.Checkpoint), note.VerifierList(v))
		if err != nil {
			t.Fatalf("the answer's checkpoint does not verify: %v", err)
		}
		signed, err := notary.ParseCheckpoint([]byte(n.Text))
		if err != nil {
			t.Fatal(err)
		}
		p := d.Proofs[0]
		var rh [32]byte
		if b, err := hex.DecodeString(p.RecordHash); err != nil || len(b) != 32 {
			t.Fatalf("record hash %q", p.RecordHash)
		} else {
			copy(rh[:], b)
		}
		path := make([][]byte, len(p.Hashes))
		for i, x := range p.Hashes {
			path[i], _ = hex.DecodeString(x)
		}
		leaf := merkle.LeafHash(rh)
		if err := proof.VerifyInclusion(merkle.Hasher, p.LeafIndex, p.TreeSize, leaf[:], path, signed.Root[:]); err != nil || p.TreeSize != signed.Size {
			t.Fatalf("the sale's proof does not check against the checkpoint: %v", err)
		}
		if p.EventID != field(d.EPCISBody.QueryResults.ResultsBody.EventList[0], "eventID") {
			t.Fatalf("the proof names event %s", p.EventID)
		}
	})

	t.Run("ANamedQueryIsSavedAskedByNameAndDeleted", func(t *testing.T) {
		f.t = t
		def := map[string]any{"name": "shipped-items", "query": map[string]any{"EQ_bizStep": "shipping", "MATCH_epc": []string{"urn:epc:id:sgtin:3017620.042200.S2"}}}
		created := f.do("POST", "/epcis/queries", f.tDist, def)
		if created.status != http.StatusCreated {
			t.Fatalf("POST /epcis/queries = %d %s", created.status, created.raw)
		}
		if again := f.do("POST", "/epcis/queries", f.tDist, def); again.status != http.StatusConflict {
			t.Fatalf("the same name again = %d %s, want 409", again.status, again.raw)
		}
		if bad := f.do("POST", "/epcis/queries", f.tDist, map[string]any{"name": "x", "query": map[string]any{"EQ_bizStp": "shipping"}}); bad.status != http.StatusBadRequest ||
			!strings.Contains(bad.raw, "EQ_bizStp") {
			t.Fatalf("a query with an unknown parameter = %d %s", bad.status, bad.raw)
		}
		f.pos = created.position
		evs, a := f.events("/epcis/queries/shipped-items/events", f.tDist)
		if len(evs) != 2 || !strings.Contains(string(a.raw), `"queryName":"shipped-items"`) { // its shipment and its recall return
			t.Fatalf("the named query answers %d events: %s", len(evs), a.raw)
		}
		list := f.epcis("/epcis/queries", f.tDist)
		if list.status != http.StatusOK || !strings.Contains(string(list.raw), `"shipped-items"`) {
			t.Fatalf("GET /epcis/queries = %d %s", list.status, list.raw)
		}
		// Another reader's names are its own: the distributor's query is not there.
		if other := f.epcis("/epcis/queries/shipped-items", f.tStranger); other.status != http.StatusNotFound {
			t.Fatalf("a stranger reads the distributor's query: %d %s", other.status, other.raw)
		}
		gone := f.do("DELETE", "/epcis/queries/shipped-items", f.tDist, nil)
		if gone.status != http.StatusNoContent {
			t.Fatalf("DELETE = %d %s", gone.status, gone.raw)
		}
		f.pos = gone.position
		if after := f.epcis("/epcis/queries/shipped-items/events", f.tDist); after.status != http.StatusNotFound {
			t.Fatalf("a deleted query answers %d %s", after.status, after.raw)
		}
	})

	t.Run("AnUnknownQueryParameterIsRefusedByName", func(t *testing.T) {
		f.t = t
		a := f.epcis("/epcis/events?EQ_bizStp=shipping", f.reg)
		var pr struct{ Type, Detail string }
		_ = json.Unmarshal(a.raw, &pr)
		if a.status != http.StatusBadRequest || pr.Type != "epcisException:QueryParameterException" || !strings.Contains(pr.Detail, "EQ_bizStp") ||
			a.header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("unknown parameter = %d %s %s", a.status, a.header.Get("Content-Type"), a.raw)
		}
	})
}

func toStrings(v any) []string {
	l, _ := v.([]any)
	out := make([]string, len(l))
	for i, x := range l {
		out[i], _ = x.(string)
	}
	return out
}
