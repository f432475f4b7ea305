package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/complaintlist"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/trace"
)

// complaintChain is the chain's scenario with the complaint routes served
// over a running case list; the public intake allows two complaints per
// address before it refuses.
func complaintChain(t *testing.T) *chain {
	t.Helper()
	store := sqlitetest.Open(t)
	c := &chain{recorded: recorded{t: t, h: command.NewHandlers(store, command.Options{}), store: store},
		imp: newUSCC(t, "91310000MA1FL0000"), dst: newUSCC(t, "91310000MA1FL0001"),
		r1: newUSCC(t, "91440300MA5DC0000"), r2: newUSCC(t, "91440300MA5DC0001"), stranger: newUSCC(t, "91110105MA0011000")}
	tr := trace.New()
	cl := complaintlist.New()
	c.runner = runModels(t, store, tr, recalllist.New(tr), cl)
	c.srv = newFixtureServer(t, store, c.h, c.imp, c.dst, c.r1, c.r2, c.stranger)
	c.srv.RouteComplaints(c.h, query.NewComplaints(cl, c.runner), httpapi.WithIntakeRate(0.0001, 2))
	c.record()
	return c
}

// post sends a JSON body from a client address, with a token or none.
func (c *chain) post(path, token, addr, body string) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequestWithContext(c.t.Context(), "POST", path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = addr + ":40000"
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	c.srv.ServeHTTP(rec, req)
	return rec
}

type casePage struct {
	Complaints []query.ComplaintCase `json:"complaints"`
	Next       *uint64               `json:"next"`
}

// A consumer files through the public intake without a token; the case
// names the seller; the regulator lists it with the contact and accepts
// it; the seller sees it (without the contact) and answers it once
// accepted, while another enterprise finds nothing.
func TestAConsumerComplaintBecomesACaseTheRegulatorAndTheSellerWork(t *testing.T) {
	c := complaintChain(t)
	sold := c.codes[0] // sold by the first retailer
	rec := c.post("/api/v1/public/complaints", "", "198.51.100.7",
		`{"item":"`+sold+`","category":"质量","description":"<b>有异物</b>","contact":"138 0000 0000"}`)
	if rec.Code != 201 {
		t.Fatalf("public intake = %d %s", rec.Code, rec.Body)
	}
	var out struct {
		ComplaintID string `json:"complaint_id"`
	}
	json.Unmarshal(rec.Body.Bytes(), &out)
	id := out.ComplaintID

	var pg casePage
	c.getJSON("/api/v1/complaints?status=filed&enterprise="+c.r1+"&gtin="+chainGTIN+"&region="+"上海", regToken, &pg)
	if len(pg.Complaints) != 1 || pg.Complaints[0].ComplaintID != id || pg.Complaints[0].Contact != "138 0000 0000" ||
		pg.Complaints[0].AgainstUSCC != c.r1 || pg.Complaints[0].FiledBy != "consumer" || pg.Complaints[0].AcceptBy == "" || pg.Next != nil {
		t.Fatalf("regulator's list %+v", pg)
	}
	pg = casePage{}
	c.getJSON("/api/v1/complaints?overdue=acceptance&as_of=2099-01-01", regToken, &pg)
	if len(pg.Complaints) != 1 || pg.Complaints[0].Overdue != "acceptance" {
		t.Fatalf("overdue list %+v", pg)
	}
	pg = casePage{}
	c.getJSON("/api/v1/complaints", anaToken, &pg)
	if len(pg.Complaints) != 1 || pg.Complaints[0].Contact != "" {
		t.Fatalf("analyst's list %+v: no contact", pg)
	}
	if rec := c.post("/api/v1/complaints/"+id+"/answers", c.token(c.r1), "10.0.0.1", `{"answer":"早"}`); rec.Code != 409 {
		t.Fatalf("the seller answers before acceptance = %d %s, want 409", rec.Code, rec.Body)
	}
	if rec := c.post("/api/v1/complaints/"+id+"/acceptance", regToken, "10.0.0.1", ""); rec.Code != 201 {
		t.Fatalf("accept = %d %s", rec.Code, rec.Body)
	}
	if rec := c.post("/api/v1/complaints/"+id+"/answers", c.token(c.stranger), "10.0.0.1", `{"answer":"x"}`); rec.Code != 404 {
		t.Fatalf("another enterprise answers = %d %s, want 404", rec.Code, rec.Body)
	}
	if rec := c.post("/api/v1/complaints/"+id+"/answers", c.token(c.r1), "10.0.0.1", `{"answer":"已退款"}`); rec.Code != 201 {
		t.Fatalf("seller answers = %d %s", rec.Code, rec.Body)
	}
	var cs query.ComplaintCase
	c.getJSON("/api/v1/complaints/"+id, c.token(c.r1), &cs)
	if cs.Status != "accepted" || cs.Contact != "" || cs.Answers != 1 || len(cs.Timeline) != 3 || cs.Timeline[0].Text != "<b>有异物</b>" {
		t.Fatalf("seller's view %+v", cs)
	}
	if rec := c.get("/api/v1/complaints/"+id, c.token(c.stranger)); rec.Code != 404 {
		t.Fatalf("another enterprise's view = %d, want 404", rec.Code)
	}
	pg = casePage{}
	c.getJSON("/api/v1/complaints", c.token(c.stranger), &pg)
	if len(pg.Complaints) != 0 {
		t.Fatalf("another enterprise's list %+v", pg)
	}
}

func TestThePublicIntakeRefusesBadInputAndFloods(t *testing.T) {
	c := complaintChain(t)
	body := `{"gtin":"` + chainGTIN + `","lot":"` + chainLot + `","category":"质量","description":"坏了","contact":"138"}`
	cases := []struct {
		name, body, field string
		status            int
	}{
		{"a claimed time", strings.Replace(body, `{`, `{"occurred_at":"2026-01-01T00:00:00Z",`, 1), "occurred_at", 400},
		{"an unknown field", strings.Replace(body, `{`, `{"against_uscc":"`+c.imp+`",`, 1), "against_uscc", 400},
		{"a contact too long", strings.Replace(body, `"138"`, `"`+strings.Repeat("1", 201)+`"`, 1), "contact", 400},
		{"a batch not in the ledger", strings.Replace(body, chainLot, "NOPE1", 1), "item", 404},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := c.post("/api/v1/public/complaints", "", "203.0.113."+string(rune('1'+i)), tc.body)
			if rec.Code != tc.status || !strings.Contains(rec.Body.String(), `"field":"`+tc.field+`"`) {
				t.Fatalf("= %d %s, want %d on %s", rec.Code, rec.Body, tc.status, tc.field)
			}
		})
	}
	req := httptest.NewRequestWithContext(t.Context(), "POST", "/api/v1/public/complaints", strings.NewReader(body))
	req.Header.Set(httpapi.IdempotencyKeyHeader, "k-1")
	req.RemoteAddr = "203.0.113.99:1"
	if rec := httptest.NewRecorder(); func() int { c.srv.ServeHTTP(rec, req); return rec.Code }() != 400 {
		t.Fatalf("an Idempotency-Key on the public intake = %d %s, want 400", rec.Code, rec.Body)
	}
	for i := 0; i < 2; i++ {
		if rec := c.post("/api/v1/public/complaints", "", "192.0.2.9", body); rec.Code != 201 {
			t.Fatalf("complaint %d = %d %s", i, rec.Code, rec.Body)
		}
	}
	rec := c.post("/api/v1/public/complaints", "", "192.0.2.9", body)
	if rec.Code != 429 || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("a third complaint at once = %d %s, want 429 with Retry-After", rec.Code, rec.Body)
	}
	if rec := c.post("/api/v1/public/complaints", "", "192.0.2.10", body); rec.Code != 201 {
		t.Fatalf("another address = %d %s", rec.Code, rec.Body)
	}
}
