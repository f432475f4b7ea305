package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/traceledger/traceledger/adapters/notify"
	"github.com/traceledger/traceledger/domain/access"
)

// receiver is a subscriber's webhook: it keeps every delivery it took
// (answered 2xx) and answers 503 while down.
type receiver struct {
	*httptest.Server
	mu    sync.Mutex
	down  bool
	took  []delivery
	tried int
}

type delivery struct {
	id, signature string
	body          []byte
}

func newReceiver(t *testing.T) *receiver {
	rc := &receiver{}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		rc.tried++
		if rc.down {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		rc.took = append(rc.took, delivery{id: r.Header.Get(notify.DeliveryHeader), signature: r.Header.Get("GS1-Signature"), body: b})
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) setDown(down bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.down = down
}

func (rc *receiver) triedOnce() bool { return rc.tries() > 0 }

func (rc *receiver) tries() int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.tried
}

// await waits until n deliveries were taken, then answers them all.
func (rc *receiver) await(t *testing.T, n int) []delivery {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		rc.mu.Lock()
		got := append([]delivery(nil), rc.took...)
		rc.mu.Unlock()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d deliveries taken, want %d", len(got), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// lots are the lot numbers of the batches the deliveries carry, in order.
func lots(t *testing.T, ds []delivery) []string {
	t.Helper()
	var out []string
	for _, d := range ds {
		var doc struct {
			EPCISBody struct {
				QueryResults struct {
					ResultsBody struct {
						EventList []struct {
							ILMD map[string]any `json:"ilmd"`
						} `json:"eventList"`
					} `json:"resultsBody"`
				} `json:"queryResults"`
			} `json:"epcisBody"`
		}
		if err := json.Unmarshal(d.body, &doc); err != nil {
			t.Fatalf("delivery %s: %v", d.id, err)
		}
		for _, ev := range doc.EPCISBody.QueryResults.ResultsBody.EventList {
			lot, _ := ev.ILMD["cbvmda:lotNumber"].(string)
			out = append(out, lot)
		}
	}
	return out
}

// subLedger is a ledger with a regulator and enterprises that own a
// product each, so every batch registered is one EPCIS ObjectEvent.
type subLedger struct {
	*ledger
	reg string
	// owners are the enterprises' USCCs by token.
	owners map[string]string
}

func gtin13(t *testing.T, first12 string) string {
	t.Helper()
	sum := 0
	for i, c := range first12 {
		d := int(c - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return first12 + strconv.Itoa((10-sum%10)%10)
}

// enterprise registers an enterprise with a product of its own and
// answers its token and the product's GTIN.
func (l *subLedger) enterprise(t *testing.T, prefix, name, gtin12 string) (token, gtin string) {
	t.Helper()
	uscc := newUSCC(t, prefix)
	l.must("/api/v1/enterprises", l.reg, map[string]any{"uscc": uscc, "name": name, "region": "中国", "roles": []string{"manufacturer"}, "contact": "400-000-0000"})
	token, gtin = l.token(access.RoleEnterprise, uscc), gtin13(t, gtin12)
	if l.owners == nil {
		l.owners = map[string]string{}
	}
	l.owners[token] = uscc
	l.must("/api/v1/products", token, map[string]any{"gtin": gtin, "name": "燕麦片", "brand": "谷源", "spec": "500g", "category": "谷物制品",
		"origin_country": "CN", "manufacturer": name, "owner_uscc": uscc, "shelf_life_days": 365})
	return token, gtin
}

// batch registers a batch of gtin: one ObjectEvent (creating_class_instance).
func (l *subLedger) batch(t *testing.T, token, gtin, lot string) answer {
	t.Helper()
	owner := l.owners[token]
	return l.must("/api/v1/batches", token, map[string]any{"gtin": gtin, "lot": lot, "quantity": 10, "produced_on": "2026-10-01",
		"expires_on": "2027-09-30", "owner_uscc": owner})
}

func (l *subLedger) defineQuery(t *testing.T, token, name string, q map[string]any) answer {
	t.Helper()
	return l.must("/epcis/queries", token, map[string]any{"name": name, "query": q})
}

func (l *subLedger) subscribe(t *testing.T, token, queryName string, body map[string]any) answer {
	t.Helper()
	return l.must("/epcis/queries/"+queryName+"/subscriptions", token, body)
}

func TestAWebhookSubscriberReceivesEachMatchingEventOnceSignedAndResumesAfterARestart(t *testing.T) {
	data := t.TempDir()
	l := &subLedger{ledger: startLedgerOn(t, data)}
	l.reg = l.token(access.RoleRegulator, "")
	ent, gtin := l.enterprise(t, "91310000MA1FL1000", "上海谷源食品有限公司", "690123456789")
	l.defineQuery(t, l.reg, "new-batches", map[string]any{"EQ_bizStep": "creating_class_instance"})
	rc := newReceiver(t)
	sub := l.subscribe(t, l.reg, "new-batches", map[string]any{"dest": rc.URL, "signatureToken": "partner-secret", "stream": true})
	if loc := sub.body["subscriptionID"]; loc == nil || sub.body["signatureToken"] != nil {
		t.Fatalf("subscription answer %s: want its id and never the token", sub.raw)
	}
	l.batch(t, ent, gtin, "A1")
	// A labelling is no batch registration: the query does not match it.
	l.must("/api/v1/labels", ent, map[string]any{"gtin": gtin, "lot": "A1", "owner_uscc": l.owners[ent], "serials": []string{"S1"}})
	rc.await(t, 1)

	// The receiver goes down: A2 is tried, not taken, when the server stops.
	rc.setDown(true)
	before := rc.tries()
	l.batch(t, ent, gtin, "A2")
	for deadline := time.Now().Add(10 * time.Second); rc.tries() == before; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("A2 was never tried")
		}
	}
	l.stop()
	rc.setDown(false)

	l2 := &subLedger{ledger: startLedgerOn(t, data), reg: l.reg, owners: l.owners}
	l2.batch(t, ent, gtin, "A3")
	got := rc.await(t, 3)
	time.Sleep(300 * time.Millisecond)
	got = rc.await(t, 3)
	if ls := strings.Join(lots(t, got), ","); ls != "A1,A2,A3" || len(got) != 3 {
		for _, d := range got {
			t.Logf("%s %s", d.id, d.body)
		}
		t.Fatalf("lots delivered %s (%d deliveries), want A1,A2,A3 once each, in order", ls, len(got))
	}
	ids := map[string]bool{}
	for _, d := range got {
		if !notify.Verify("partner-secret", d.body, d.signature) {
			t.Errorf("delivery %s: signature %q does not verify", d.id, d.signature)
		}
		if !strings.HasPrefix(d.id, sub.body["subscriptionID"].(string)+"/") || ids[d.id] {
			t.Errorf("delivery id %q: want the subscription's id and the event's, once", d.id)
		}
		ids[d.id] = true
	}
}

func TestAnEnterprisesSubscriptionNeverReceivesAnotherEnterprisesEvents(t *testing.T) {
	l := &subLedger{ledger: startLedger(t)}
	l.reg = l.token(access.RoleRegulator, "")
	mine, myGTIN := l.enterprise(t, "91310000MA1FL2000", "上海谷源食品有限公司", "690123456701")
	theirs, theirGTIN := l.enterprise(t, "91440300MA5DC2000", "深圳禾丰食品有限公司", "690123456702")
	// The same name is each enterprise's own query.
	l.defineQuery(t, mine, "all", map[string]any{"eventType": "ObjectEvent"})
	l.defineQuery(t, theirs, "all", map[string]any{"eventType": "ObjectEvent"})
	rc := newReceiver(t)
	l.subscribe(t, mine, "all", map[string]any{"dest": rc.URL, "stream": true, "initialRecordTime": "2000-01-01T00:00:00Z"})
	l.batch(t, theirs, theirGTIN, "T1")
	l.batch(t, mine, myGTIN, "M1")
	l.batch(t, theirs, theirGTIN, "T2")
	last := l.batch(t, mine, myGTIN, "M2")
	got := rc.await(t, 2)
	time.Sleep(300 * time.Millisecond)
	got = rc.await(t, 2)
	if ls := strings.Join(lots(t, got), ","); ls != "M1,M2" {
		t.Fatalf("the enterprise's subscription received lots %s, want only its own M1,M2", ls)
	}
	for _, d := range got {
		if strings.Contains(string(d.body), theirGTIN[1:]) {
			t.Errorf("delivery %s names the other enterprise's GTIN", d.id)
		}
	}
	// Another enterprise neither reads nor cancels the subscription.
	list := l.do("GET", "/epcis/queries/all/subscriptions"+last.after(), theirs, nil)
	if list.status != http.StatusOK || strings.Contains(list.raw, "subscriptionID") {
		t.Fatalf("the other enterprise's list of its query's subscriptions = %d %s, want empty", list.status, list.raw)
	}
}

func TestInitialRecordTimeDeliversTheHistoryFirst(t *testing.T) {
	l := &subLedger{ledger: startLedger(t)}
	l.reg = l.token(access.RoleRegulator, "")
	ent, gtin := l.enterprise(t, "91310000MA1FL3000", "上海谷源食品有限公司", "690123456703")
	l.batch(t, ent, gtin, "H1")
	l.batch(t, ent, gtin, "H2")
	l.defineQuery(t, l.reg, "batches", map[string]any{"EQ_bizStep": "creating_class_instance"})
	rc, late := newReceiver(t), newReceiver(t)
	l.subscribe(t, l.reg, "batches", map[string]any{"dest": rc.URL, "stream": true, "initialRecordTime": "2000-01-01T00:00:00Z"})
	l.subscribe(t, l.reg, "batches", map[string]any{"dest": late.URL, "stream": true})
	l.batch(t, ent, gtin, "N1")
	if ls := strings.Join(lots(t, rc.await(t, 3)), ","); ls != "H1,H2,N1" {
		t.Fatalf("with initialRecordTime the subscriber received %s, want the history H1,H2 then N1", ls)
	}
	if ls := strings.Join(lots(t, late.await(t, 1)), ","); ls != "N1" {
		t.Fatalf("without initialRecordTime the subscriber received %s, want N1 only", ls)
	}
}

// dialQuery opens a WebSocket subscription to the query.
func dialQuery(t *testing.T, l *subLedger, token, path string) *websocket.Conn {
	t.Helper()
	ws := "ws" + strings.TrimPrefix(l.base, "http") + path
	conn, resp, err := websocket.Dial(t.Context(), ws, &websocket.DialOptions{HTTPHeader: http.Header{"Authorization": {"Bearer " + token}}})
	if err != nil {
		t.Fatalf("dial %s: %v (%v)", path, err, resp)
	}
	t.Cleanup(func() { conn.CloseNow() })
	return conn
}

func TestAWebSocketClientReceivesAMatchingEventRecordedAfterItConnected(t *testing.T) {
	l := &subLedger{ledger: startLedger(t)}
	l.reg = l.token(access.RoleRegulator, "")
	ent, gtin := l.enterprise(t, "91310000MA1FL4000", "上海谷源食品有限公司", "690123456704")
	l.batch(t, ent, gtin, "OLD")
	q := l.defineQuery(t, ent, "mine", map[string]any{"EQ_bizStep": "creating_class_instance"})
	conn := dialQuery(t, l, ent, "/epcis/queries/mine/events?stream=true&min_position="+q.position)
	l.batch(t, ent, gtin, "W1")
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	typ, msg, err := conn.Read(ctx)
	if err != nil || typ != websocket.MessageText {
		t.Fatalf("read = %v, %v", typ, err)
	}
	if ls := strings.Join(lots(t, []delivery{{body: msg}}), ","); ls != "W1" || !strings.Contains(string(msg), `"EPCISQueryDocument"`) {
		t.Fatalf("message holds lots %q, want an EPCISQueryDocument of W1 (not the earlier OLD): %s", ls, msg)
	}
	// A stranger's token is refused before any upgrade.
	stranger, _ := l.enterprise(t, "91440300MA5DC4000", "深圳禾丰食品有限公司", "690123456705")
	ws := "ws" + strings.TrimPrefix(l.base, "http") + "/epcis/queries/mine/events?stream=true&min_position=" + q.position
	if _, resp, err := websocket.Dial(t.Context(), ws, &websocket.DialOptions{HTTPHeader: http.Header{"Authorization": {"Bearer " + stranger}}}); err == nil || resp == nil || resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another enterprise's dial of the query = %v, want 404", resp)
	}
}

func TestDeletingAQueryEndsItsSubscriptions(t *testing.T) {
	l := &subLedger{ledger: startLedger(t)}
	l.reg = l.token(access.RoleRegulator, "")
	ent, gtin := l.enterprise(t, "91310000MA1FL5000", "上海谷源食品有限公司", "690123456706")
	l.defineQuery(t, l.reg, "batches", map[string]any{"EQ_bizStep": "creating_class_instance"})
	rc := newReceiver(t)
	sub := l.subscribe(t, l.reg, "batches", map[string]any{"dest": rc.URL, "stream": true})
	conn := dialQuery(t, l, l.reg, "/epcis/queries/batches/events?stream=true&min_position="+sub.position)
	l.batch(t, ent, gtin, "D1")
	rc.await(t, 1)

	del := l.do("DELETE", "/epcis/queries/batches", l.reg, nil)
	if del.status != http.StatusNoContent {
		t.Fatalf("DELETE query = %d %s", del.status, del.raw)
	}
	loc := "/epcis/queries/batches/subscriptions/" + sub.body["subscriptionID"].(string)
	if a := l.do("GET", loc+"?min_position="+del.position, l.reg, nil); a.status != http.StatusNotFound {
		t.Fatalf("GET the subscription of a deleted query = %d %s, want 404", a.status, a.raw)
	}
	// The WebSocket reads D1, then is closed: the query is gone.
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	for {
		_, _, err := conn.Read(ctx)
		if err == nil {
			continue
		}
		if websocket.CloseStatus(err) != websocket.StatusNormalClosure {
			t.Fatalf("WebSocket ended with %v, want a normal closure (query deleted)", err)
		}
		break
	}
	// A query of the same name defined again starts with no subscription.
	again := l.defineQuery(t, l.reg, "batches", map[string]any{"EQ_bizStep": "creating_class_instance"})
	l.batch(t, ent, gtin, "D2")
	time.Sleep(500 * time.Millisecond)
	if got := rc.await(t, 1); len(got) != 1 {
		t.Fatalf("the ended subscription received %d deliveries, want only D1's", len(got))
	}
	if a := l.do("GET", "/epcis/queries/batches/subscriptions"+again.after(), l.reg, nil); a.status != http.StatusOK || strings.TrimSpace(a.raw) != "[]" {
		t.Fatalf("subscriptions of the new query = %d %s, want []", a.status, a.raw)
	}
}

func TestAScheduledSubscriptionSendsTheEventsSinceItsLastRunAtEachRun(t *testing.T) {
	l := &subLedger{ledger: startLedger(t)}
	l.reg = l.token(access.RoleRegulator, "")
	ent, gtin := l.enterprise(t, "91310000MA1FL6000", "上海谷源食品有限公司", "690123456707")
	l.defineQuery(t, l.reg, "batches", map[string]any{"EQ_bizStep": "creating_class_instance"})
	rc, empty := newReceiver(t), newReceiver(t)
	every := map[string]any{"second": "[0-59]"}
	sub := l.subscribe(t, l.reg, "batches", map[string]any{"dest": rc.URL, "schedule": every})
	if sub.body["schedule"] == nil || sub.body["stream"] != nil {
		t.Fatalf("scheduled subscription answered %s", sub.raw)
	}
	l.subscribe(t, l.reg, "batches", map[string]any{"dest": empty.URL, "schedule": every, "reportIfEmpty": true})
	// An empty run reports only when asked to.
	if got := empty.await(t, 1); len(lots(t, got[:1])) != 0 {
		t.Fatalf("the first empty report holds events: %s", got[0].body)
	}
	if rc.triedOnce() {
		t.Fatal("a run without events reported to a subscription that did not ask for empty reports")
	}
	l.batch(t, ent, gtin, "R1")
	l.batch(t, ent, gtin, "R2")
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := rc.await(t, 1)
		if ls := strings.Join(lots(t, got), ","); ls == "R1,R2" {
			break
		} else if time.Now().After(deadline) || len(ls) > len("R1,R2") {
			t.Fatalf("scheduled runs delivered %s, want R1,R2 once each", ls)
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond) // later runs have nothing new to send
	if ls := strings.Join(lots(t, rc.await(t, 1)), ","); ls != "R1,R2" {
		t.Fatalf("after later runs the subscriber holds %s, want R1,R2 once each", ls)
	}
	if a := l.do("POST", "/epcis/queries/batches/subscriptions", l.reg, map[string]any{"dest": rc.URL, "stream": true, "schedule": every}); a.status != http.StatusBadRequest {
		t.Fatalf("stream and schedule together = %d %s, want 400", a.status, a.raw)
	}
}
