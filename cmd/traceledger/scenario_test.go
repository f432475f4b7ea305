package main

import (
	"bytes"
	"context"
	"encoding/json"

	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/authstore"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// ledger is a running server on a temp data directory, as a newcomer's
// `make run` would have it, driven over HTTP.
type ledger struct {
	t    *testing.T
	base string
	data string
	stop func() // stops the server once, saving its read models
}

func startLedger(t *testing.T) *ledger {
	t.Helper()
	return startLedgerOn(t, t.TempDir())
}

// startLedgerOn serves the data directory data, with extra flags.
func startLedgerOn(t *testing.T, data string, flags ...string) *ledger {
	t.Helper()
	cfg := load(t, append([]string{"--data", data, "--addr", "127.0.0.1:0"}, flags...), nil)
	ctx, cancel := context.WithCancel(t.Context())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	logger := slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	go func() {
		done <- serve(ctx, serveConfig{Config: cfg, Logger: logger, Ready: func(a string) { addrc <- a }})
	}()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	select {
	case a := <-addrc:
		return &ledger{t: t, base: "http://" + a, data: data, stop: stop}
	case err := <-done:
		t.Fatalf("serve returned early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	return nil
}

// testLog writes a server's warnings and errors into the test's log.
type testLog struct{ t *testing.T }

func (w testLog) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func (l *ledger) token(role access.Role, uscc string) string {
	l.t.Helper()
	s, err := authstore.Open(l.t.Context(), filepath.Join(l.data, tokensFile), authstore.Options{})
	if err != nil {
		l.t.Fatal(err)
	}
	defer s.Close()
	tok, err := s.Create(l.t.Context(), role, uscc)
	if err != nil {
		l.t.Fatal(err)
	}
	return tok
}

type answer struct {
	status   int
	body     map[string]any
	raw      string
	position string // X-Traceledger-Position
}

// after is the query suffix that makes a read wait for this answer's write.
func (a answer) after() string { return "?min_position=" + a.position }

func (l *ledger) do(method, path, token string, body any) answer {
	l.t.Helper()
	// The server waits for an authenticated reader's position; an anonymous
	// one is answered at once, so it asks again while the answer is "not
	// yet", as a public client polls.
	if token == "" && method == "GET" && strings.Contains(path, "min_position=") {
		deadline := time.Now().Add(5 * time.Second)
		for {
			a := l.doOnce(method, path, token, body)
			if a.status != http.StatusServiceUnavailable || time.Now().After(deadline) {
				return a
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	return l.doOnce(method, path, token, body)
}

func (l *ledger) doOnce(method, path, token string, body any) answer {
	l.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequestWithContext(l.t.Context(), method, l.base+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, raw: string(raw), position: resp.Header.Get("X-Traceledger-Position")}
	_ = json.Unmarshal(raw, &a.body)
	return a
}

// must records a command that has to succeed.
func (l *ledger) must(path, token string, body any) answer {
	l.t.Helper()
	a := l.do("POST", path, token, body)
	if a.status != http.StatusCreated {
		l.t.Fatalf("POST %s = %d %s", path, a.status, a.raw)
	}
	return a
}

func (l *ledger) head() float64 {
	l.t.Helper()
	a := l.do("GET", "/healthz", "", nil)
	h, ok := a.body["head"].(float64)
	if a.status != 200 || !ok {
		l.t.Fatalf("healthz = %d %s", a.status, a.raw)
	}
	return h
}

// refused records a command that must be refused with status, naming field
// when field is not empty, and appending nothing.
func (l *ledger) refused(path, token string, body any, status int, field string) answer {
	l.t.Helper()
	before := l.head()
	a := l.do("POST", path, token, body)
	if a.status != status {
		l.t.Fatalf("POST %s = %d %s, want %d", path, a.status, a.raw, status)
	}
	e, _ := a.body["error"].(map[string]any)
	if e == nil || e["code"] == "" || e["message"] == "" {
		l.t.Fatalf("POST %s: error body not in the contract's shape: %s", path, a.raw)
	}
	if field != "" && e["field"] != field {
		l.t.Fatalf("POST %s: error names field %v, want %q: %s", path, e["field"], field, a.raw)
	}
	if after := l.head(); after != before {
		l.t.Fatalf("POST %s was refused but the log head moved from %v to %v", path, before, after)
	}
	return a
}

func newUSCC(t *testing.T, prefix string) string {
	u, err := ident.NewUSCC(prefix)
	if err != nil {
		t.Fatal(err)
	}
	return u.String()
}

// TestNewcomerScenario walks a newcomer's first session: register, notify and
// verify, check the public certificate, and see every rule refuse with the
// right status while appending nothing.
func TestNewcomerScenario(t *testing.T) {
	l := startLedger(t)
	reg := l.token(access.RoleRegulator, "")
	importer := newUSCC(t, "91310000MA1FL0000")
	retailer := newUSCC(t, "91440300MA5DC0000")
	other := newUSCC(t, "91110105MA0011000")

	l.must("/api/v1/enterprises", reg, map[string]any{"uscc": importer, "name": "上海明辉进出口贸易有限公司", "region": "上海",
		"roles": []string{"importer", "distributor"}, "food_operator": true, "contact": "021-55550000"})
	l.must("/api/v1/enterprises", reg, map[string]any{"uscc": retailer, "name": "深圳优选超市有限公司", "region": "广东深圳", "roles": []string{"retailer"}})
	l.must("/api/v1/enterprises", reg, map[string]any{"uscc": other, "name": "北京京品商贸有限公司", "region": "北京", "roles": []string{"retailer"}})
	imp := l.token(access.RoleEnterprise, importer)
	ret := l.token(access.RoleEnterprise, retailer)

	const gtin = "3017620422003"
	product := map[string]any{"gtin": gtin, "name": "榛子可可酱", "brand": "Nutella", "spec": "750g", "category": "休闲食品",
		"origin_country": "FR", "manufacturer": "Ferrero France", "owner_uscc": importer, "shelf_life_days": 365}

	t.Run("a wrong check digit is 400 naming gtin", func(t *testing.T) {
		bad := map[string]any{}
		for k, v := range product {
			bad[k] = v
		}
		bad["gtin"] = "3017620422004"
		l.refused("/api/v1/products", imp, bad, 400, "gtin")
	})
	t.Run("an enterprise token cannot act for another USCC", func(t *testing.T) {
		theirs := map[string]any{}
		for k, v := range product {
			theirs[k] = v
		}
		theirs["owner_uscc"] = other
		l.refused("/api/v1/products", imp, theirs, 403, "owner_uscc")
	})

	registered := l.must("/api/v1/products", imp, product)
	if a := l.do("GET", "/api/v1/products/"+gtin+"/certificate"+registered.after(), "", nil); a.status != 200 || a.body["status"] != "none" {
		t.Fatalf("certificate before notification = %d %s", a.status, a.raw)
	}
	l.must("/api/v1/products/"+gtin+"/notifications", imp, map[string]any{"notifier_uscc": importer, "record_no": "BA2026000001"})
	l.refused("/api/v1/products/"+gtin+"/verification", imp, map[string]any{"valid": true}, 403, "")
	verified := l.must("/api/v1/products/"+gtin+"/verification", reg, map[string]any{"valid": true, "valid_days": 365})
	cert := l.do("GET", "/api/v1/products/"+gtin+"/certificate"+verified.after(), "", nil)
	if cert.status != 200 || cert.body["status"] != "issued" || cert.body["certificate_no"] == "" || cert.body["gtin"] != "0"+gtin {
		t.Fatalf("public certificate = %d %s, want issued", cert.status, cert.raw)
	}

	l.must("/api/v1/batches", imp, map[string]any{"gtin": gtin, "lot": "L2611A", "quantity": 100,
		"produced_on": "2026-10-01", "expires_on": "2027-09-30", "owner_uscc": importer})
	labels := l.must("/api/v1/labels", imp, map[string]any{"gtin": gtin, "lot": "L2611A", "owner_uscc": importer, "count": 3})
	var codes []string
	for _, x := range labels.body["labels"].([]any) {
		codes = append(codes, x.(map[string]any)["code"].(string))
	}
	if len(codes) != 3 || !strings.Contains(codes[0], "/01/0"+gtin+"/10/L2611A/21/") {
		t.Fatalf("labels answered %s", labels.raw)
	}

	t.Run("imported goods cannot move before release", func(t *testing.T) {
		l.refused("/api/v1/shipments", imp, map[string]any{"from_uscc": importer, "to_uscc": retailer, "waybill": "SF1001", "items": codes[:1]}, 409, "")
	})

	const decl = "531620261000012345"
	l.must("/api/v1/customs/declarations", imp, map[string]any{"declaration_no": decl, "port": "上海洋山港", "importer_uscc": importer,
		"lines": []map[string]any{{"gtin": gtin, "lot": "L2611A", "quantity": 100, "hs_code": "1806900000", "origin_country": "FR"}}})
	l.must("/api/v1/customs/declarations/"+decl+"/inspection", reg, map[string]any{"result": "pass"})
	l.must("/api/v1/customs/declarations/"+decl+"/release", reg, map[string]any{"decision": "released"})

	ship := l.must("/api/v1/shipments", imp, map[string]any{"from_uscc": importer, "to_uscc": retailer, "waybill": "SF1002",
		"items": codes, "lines": []map[string]any{{"gtin": gtin, "lot": "L2611A", "quantity": 20}}})
	id, _ := ship.body["shipment_id"].(string)
	t.Run("only the receiver confirms", func(t *testing.T) {
		l.refused("/api/v1/shipments/"+id+"/receipt", imp, nil, 403, "")
	})
	l.must("/api/v1/shipments/"+id+"/receipt", ret, nil)

	t.Run("nobody sells what they do not hold", func(t *testing.T) {
		l.refused("/api/v1/sales", imp, map[string]any{"seller_uscc": importer, "channel": "门店零售", "items": codes[:1]}, 409, "")
	})
	l.must("/api/v1/sales", ret, map[string]any{"seller_uscc": retailer, "channel": "门店零售", "items": codes[:1]})
	t.Run("an item cannot be sold twice", func(t *testing.T) {
		l.refused("/api/v1/sales", ret, map[string]any{"seller_uscc": retailer, "channel": "门店零售", "items": codes[:1]}, 409, "items[0]")
	})

	recall := l.must("/api/v1/recalls", reg, map[string]any{"batches": []map[string]any{{"gtin": gtin, "lot": "L2611A"}},
		"level": 2, "reason": "标签过敏原信息缺失", "initiated_by_uscc": importer})
	t.Run("a recalled batch cannot be sold", func(t *testing.T) {
		l.refused("/api/v1/sales", ret, map[string]any{"seller_uscc": retailer, "channel": "门店零售", "items": codes[1:2]}, 409, "")
		l.refused("/api/v1/sales", ret, map[string]any{"seller_uscc": retailer, "channel": "门店零售",
			"lines": []map[string]any{{"gtin": gtin, "lot": "L2611A", "quantity": 1}}}, 409, "")
	})
	rid, _ := recall.body["recall_id"].(string)
	t.Run("a recall closes only when every unit is accounted for", func(t *testing.T) {
		l.refused("/api/v1/recalls/"+rid+"/closure", reg, nil, 409, "")
		l.must("/api/v1/recalls/"+rid+"/returns", ret, map[string]any{"holder_uscc": retailer, "items": codes[1:], "disposition": "returned"})
		l.must("/api/v1/recalls/"+rid+"/returns", ret, map[string]any{"holder_uscc": retailer, "quantity": 20, "disposition": "destroyed"})
		l.must("/api/v1/recalls/"+rid+"/returns", imp, map[string]any{"holder_uscc": importer, "quantity": 77, "disposition": "destroyed"})
		// The item sold to a consumer is affected too: accounted for by the
		// regulator's acceptance of the public notice.
		l.refused("/api/v1/recalls/"+rid+"/closure", reg, nil, 409, "")
		l.must("/api/v1/recalls/"+rid+"/public-notice", reg, map[string]any{"notice": "召回公告已发布"})
		l.must("/api/v1/recalls/"+rid+"/closure", reg, nil)
	})

	t.Run("revocation shows on the public certificate", func(t *testing.T) {
		revoked := l.must("/api/v1/products/"+gtin+"/certificate/revocation", reg, map[string]any{"reason": "条码信息不符"})
		if a := l.do("GET", "/api/v1/products/"+gtin+"/certificate"+revoked.after(), "", nil); a.body["status"] != "revoked" {
			t.Fatalf("certificate after revocation: %s", a.raw)
		}
	})

	t.Run("metrics", func(t *testing.T) {
		req, _ := http.NewRequestWithContext(t.Context(), "GET", l.base+"/metrics", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, m := range []string{"traceledger_http_requests_total", "traceledger_events_appended_total", "traceledger_append_conflicts_total",
			"traceledger_model_store_compactions_running", "traceledger_model_store_compaction_debt_bytes"} {
			if !strings.Contains(string(b), m) {
				t.Errorf("/metrics lacks %s", m)
			}
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("/metrics content type %q", ct)
		}
	})
}
