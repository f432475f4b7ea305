package httpapi_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/event"
)

// Every command route reaches its method, with path parameters bound.
func TestCommandRoutes(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct {
		path string
		want any
	}{
		{"/api/v1/enterprises", command.RegisterEnterprise{}},
		{"/api/v1/products", command.RegisterProduct{}},
		{"/api/v1/products/06901234567892/notifications", command.NotifyBarcode{GTIN: "06901234567892"}},
		{"/api/v1/products/06901234567892/verification", command.VerifyBarcode{GTIN: "06901234567892"}},
		{"/api/v1/products/06901234567892/certificate/revocation", command.RevokeCertificate{GTIN: "06901234567892"}},
		{"/api/v1/products/06901234567892/certificate/renewal", command.RenewCertificate{GTIN: "06901234567892"}},
		{"/api/v1/products/06901234567892/certificate/amendments", command.AmendCertificate{GTIN: "06901234567892"}},
		{"/api/v1/products/06901234567892/certificate/renotification", command.AllowRenotification{GTIN: "06901234567892"}},
		{"/api/v1/batches", command.RegisterBatch{}},
		{"/api/v1/customs/declarations", command.DeclareCustoms{}},
		{"/api/v1/customs/declarations/D-1/inspection", command.InspectCustoms{DeclarationNo: "D-1"}},
		{"/api/v1/customs/declarations/D-1/release", command.DecideRelease{DeclarationNo: "D-1"}},
		{"/api/v1/labels", command.ApplyLabels{}},
		{"/api/v1/shipments", command.Ship{}},
		{"/api/v1/shipments/shp-9/receipt", command.ConfirmReceipt{ShipmentID: "shp-9"}},
		{"/api/v1/sales", command.Sell{}},
		{"/api/v1/inspections", command.InspectMarket{}},
		{"/api/v1/complaints", command.FileComplaint{}},
		{"/api/v1/complaints/c-1/resolution", command.ResolveComplaint{ComplaintID: "c-1"}},
		{"/api/v1/recalls", command.StartRecall{}},
		{"/api/v1/recalls/r-1/returns", command.RecordRecallReturn{RecallID: "r-1"}},
		{"/api/v1/recalls/r-1/closure", command.CloseRecall{RecallID: "r-1"}},
		{"/api/v1/recalls/r-1/reminders", command.RemindRecallHolders{RecallID: "r-1"}},
		{"/api/v1/penalties", command.ImposePenalty{}},
		{"/api/v1/withdrawals", command.RecordWithdrawal{}},
		{"/api/v1/withdrawals/orders", command.OrderWithdrawal{}},
		{"/api/v1/withdrawals/disposals", command.RecordDisposal{}},
	}
	for i, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := f.do(t, "POST", tt.path, regToken, "{}")
			if rec.Code != 201 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			calls := f.cmds.Calls()
			if len(calls) != i+1 {
				t.Fatalf("%d calls, want %d", len(calls), i+1)
			}
			if got := calls[i]; fmt.Sprintf("%#v", got.in) != fmt.Sprintf("%#v", tt.want) || got.actor != tokens[regToken] {
				t.Errorf("call = %#v by %v, want %#v", got.in, got.actor, tt.want)
			}
		})
	}
}

func TestCommandAnswers(t *testing.T) {
	f := newFixture(t, nil)
	rec := f.do(t, "POST", "/api/v1/products/06901234567892/notifications", entToken, `{"notifier_uscc":"`+usccA+`"}`)
	if rec.Code != 201 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var one map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &one); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"event_id", "stream", "version", "position", "head"} {
		if _, ok := one[k]; !ok {
			t.Errorf("one-event answer lacks %q: %s", k, rec.Body)
		}
	}
	if _, ok := one["events"]; ok {
		t.Errorf("one-event answer lists events: %s", rec.Body)
	}
	if rec.Header().Get(httpapi.CorrelationHeader) == "" {
		t.Error("no correlation id drawn")
	}
	if got := rec.Header().Get(httpapi.PositionHeader); got != "1" || one["head"] != 1.0 {
		t.Errorf("position header %q, head %v; want 1", got, one["head"])
	}

	f.cmds.Events = 3
	rec = f.do(t, "POST", "/api/v1/labels", entToken, `{"gtin":"06901234567892","count":1}`)
	var many struct {
		Position uint64             `json:"position"`
		EventID  string             `json:"event_id"`
		Events   []command.Appended `json:"events"`
		Labels   []command.Label    `json:"labels"`
		Head     uint64             `json:"head"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &many); err != nil || rec.Code != 201 {
		t.Fatalf("status %d, %v: %s", rec.Code, err, rec.Body)
	}
	if len(many.Events) != 3 || many.Head != 4 || many.Position != 2 || many.EventID != many.Events[0].EventID.String() || len(many.Labels) != 1 {
		t.Errorf("several-event answer = %+v", many)
	}
	if got := rec.Header().Get(httpapi.PositionHeader); got != "4" {
		t.Errorf("position header %q, want 4", got)
	}
	rec = f.do(t, "POST", "/api/v1/shipments", entToken, `{"items":["a"]}`, httpapi.CorrelationHeader, "order-42")
	if got := rec.Header().Get(httpapi.CorrelationHeader); got != "order-42" {
		t.Errorf("correlation id %q, want the client's order-42", got)
	}
	if !strings.Contains(rec.Body.String(), `"shipment_id":"shp-1"`) {
		t.Errorf("shipment answer lacks its id: %s", rec.Body)
	}
}

func TestDomainErrors(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		code   string
		field  string
	}{
		{"field error", fmt.Errorf("ship: %w", domain.Invalid("lines[0].gtin", "bad_check_digit", "bad check digit")), 400, "invalid", "lines[0].gtin"},
		{"not found", domain.NotFound("gtin", "no_product_06901234567892", "no product 06901234567892"), 404, "not_found", "gtin"},
		{"forbidden", domain.Forbidden("from_uscc", "not_your_enterprise", "not your enterprise"), 403, "forbidden", "from_uscc"},
		{"rule conflict", &domain.RuleError{Kind: domain.ErrConflict, Field: "items[2]", Message: "recalled"}, 409, "conflict", "items[2]"},
		{"bare conflict", fmt.Errorf("sell: %w", domain.ErrConflict), 409, "conflict", ""},
		{"concurrency", fmt.Errorf("append: %w", &event.ConcurrencyError{Stream: "batch-1", Expected: event.Exact(2), Actual: 3}), 409, "concurrency", ""},
		{"duplicate", fmt.Errorf("append: %w", event.ErrDuplicateID), 409, "duplicate", ""},
		{"anything else", errors.New("sqlite: disk I/O error at /secret/path"), 500, "internal", ""},
	}
	f := newFixture(t, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.cmds.Err = tt.err
			e := wantError(t, f.do(t, "POST", "/api/v1/sales", entToken, "{}"), tt.status, tt.code, tt.field)
			if tt.status == 500 && strings.Contains(e.Error.Message, "secret") {
				t.Errorf("internal error leaked: %q", e.Error.Message)
			}
			if tt.status == 400 && e.Error.Message != "bad check digit" {
				t.Errorf("message %q, want the field error's own", e.Error.Message)
			}
		})
	}
	metrics := scrape(t, f)
	if !strings.Contains(metrics, "traceledger_append_conflicts_total 4") {
		t.Errorf("append conflicts not counted 4 times:\n%s", grep(metrics, "conflicts"))
	}
}

func TestDecodeErrors(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct {
		name, path, body string
		field            string
	}{
		{"empty body", "/api/v1/sales", "", ""},
		{"blank body", "/api/v1/sales", " \n", ""},
		{"malformed", "/api/v1/sales", `{"channel":`, ""},
		{"syntax error", "/api/v1/sales", `{"channel" "x"}`, ""},
		{"not an object", "/api/v1/sales", `["x"]`, ""},
		{"trailing data", "/api/v1/sales", `{} {}`, ""},
		{"unknown field", "/api/v1/sales", `{"channel":"shop","colour":"red"}`, "colour"},
		{"unknown nested field", "/api/v1/sales", `{"lines":[{"gtin":"1"},{"gtin":"2","weight":3}]}`, "lines[1].weight"},
		{"path field in body", "/api/v1/products/1/notifications", `{"gtin":"2"}`, "gtin"},
		{"wrong type", "/api/v1/batches", `{"quantity":"12"}`, "quantity"},
		{"wrong type in a list", "/api/v1/sales", `{"lines":[{"gtin":"1","quantity":1},{"gtin":"2","quantity":1.5}]}`, "lines[1].quantity"},
		{"object for a string", "/api/v1/sales", `{"channel":{"a":1}}`, "channel"},
		{"bool as string", "/api/v1/products/1/verification", `{"valid":"yes"}`, "valid"},
		{"bad time", "/api/v1/sales", `{"channel":"shop","occurred_at":"yesterday"}`, "occurred_at"},
		{"time of wrong type", "/api/v1/sales", `{"occurred_at":5}`, "occurred_at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := wantError(t, f.do(t, "POST", tt.path, entToken, tt.body), 400, "invalid", tt.field)
			if e.Error.Message == "" {
				t.Error("no message")
			}
		})
	}
	if n := len(f.cmds.Calls()); n != 0 {
		t.Errorf("bad bodies ran %d commands", n)
	}
	// Commands whose fields are all optional take an empty body.
	for _, path := range []string{"/api/v1/shipments/s-1/receipt", "/api/v1/recalls/r-1/closure"} {
		if rec := f.do(t, "POST", path, entToken, ""); rec.Code != 201 {
			t.Errorf("%s with empty body = %d %s", path, rec.Code, rec.Body)
		}
	}
}

func TestBodyTooLarge(t *testing.T) {
	f := newFixture(t, func(c *httpapi.Config) { c.MaxBodyBytes = 64 })
	big := `{"channel":"` + strings.Repeat("x", 100) + `"}`
	wantError(t, f.do(t, "POST", "/api/v1/sales", entToken, big), 413, "too_large", "")
	// Without a Content-Length the limit still holds while reading.
	req := strings.NewReader(big)
	rec := f.doReader(t, "POST", "/api/v1/sales", entToken, req)
	wantError(t, rec, 413, "too_large", "")
	if n := len(f.cmds.Calls()); n != 0 {
		t.Errorf("oversized bodies ran %d commands", n)
	}
	if rec := f.do(t, "POST", "/api/v1/sales", entToken, `{"channel":"shop"}`); rec.Code != 201 {
		t.Errorf("small body = %d", rec.Code)
	}
}

func TestDefaultBodyLimitIsOneMiB(t *testing.T) {
	f := newFixture(t, nil)
	pad := strings.Repeat("x", httpapi.DefaultMaxBodyBytes)
	wantError(t, f.do(t, "POST", "/api/v1/sales", entToken, `{"channel":"`+pad+`"}`), 413, "too_large", "")
	ok := `{"channel":"` + strings.Repeat("x", httpapi.DefaultMaxBodyBytes-100) + `"}`
	if rec := f.do(t, "POST", "/api/v1/sales", entToken, ok); rec.Code != 201 {
		t.Errorf("body of %s bytes = %d", strconv.Itoa(len(ok)), rec.Code)
	}
}
