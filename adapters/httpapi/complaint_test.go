package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

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
	c.srv.RouteComplaints(c.h, query.NewComplaints(cl, c.runner), httpapi.WithIntakeRate(0.0001, 2), httpapi.WithLookupRate(0.0001, 8))
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
	Next       *string               `json:"next"`
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
	// Filed in a range: the case was filed when the test ran.
	for q, want := range map[string]int{"filed_from=2000-01-01&filed_to=2999-12-31": 1, "filed_to=2000-01-01": 0, "filed_from=2999-01-01": 0} {
		pg = casePage{}
		c.getJSON("/api/v1/complaints?"+q, regToken, &pg)
		if len(pg.Complaints) != want {
			t.Errorf("%s: %d cases, want %d", q, len(pg.Complaints), want)
		}
	}
	wantError(t, c.get("/api/v1/complaints?filed_from=yesterday", regToken), 400, "invalid", "filed_from")
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

// A consumer follows its case with the number and the follow-up code the
// intake answered: the status, deadlines, dates of the steps and the
// regulator's conclusion, and nothing personal nor the enterprise's words.
// An unknown number and a wrong code answer the same 404.
func TestAConsumerFollowsItsCaseWithTheFollowUpCodeAndNothingElseOpensIt(t *testing.T) {
	c := complaintChain(t)
	rec := c.post("/api/v1/public/complaints", "", "198.51.100.7",
		`{"item":"`+c.codes[0]+`","category":"质量","description":"有异物","contact":"138 0000 0000"}`)
	if rec.Code != 201 {
		t.Fatalf("public intake = %d %s", rec.Code, rec.Body)
	}
	var out struct {
		ComplaintID  string `json:"complaint_id"`
		FollowUpCode string `json:"follow_up_code"`
		Head         uint64 `json:"head"`
	}
	json.Unmarshal(rec.Body.Bytes(), &out)
	if out.FollowUpCode == "" {
		t.Fatalf("the intake answered no follow-up code: %s", rec.Body)
	}
	// An anonymous read is not waited for: it asks again while the models
	// are behind (503), as the page does, from a fresh address each time.
	asked := 0
	lookup := func(id, code string, head uint64) *httptest.ResponseRecorder {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"code": code})
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			asked++
			rec := c.post("/api/v1/public/complaints/"+id+"/status?min_position="+strconv.FormatUint(head, 10), "", "198.51.100."+strconv.Itoa(asked%250), string(body))
			if rec.Code != 503 || time.Now().After(deadline) {
				return rec
			}
		}
	}
	var st query.PublicComplaintStatus
	rec = lookup(out.ComplaintID, strings.ToLower(out.FollowUpCode), out.Head)
	if rec.Code != 200 {
		t.Fatalf("lookup with the code = %d %s", rec.Code, rec.Body)
	}
	json.Unmarshal(rec.Body.Bytes(), &st)
	if st.Status != "filed" || st.AcceptBy == "" || len(st.Steps) != 1 || st.Steps[0].Step != "filed" || st.Steps[0].At.IsZero() {
		t.Fatalf("status after filing %+v", st)
	}

	head := uint64(0)
	for _, step := range []struct{ path, token, body string }{
		{"/acceptance", regToken, ""},
		{"/investigation", regToken, `{"note":"内部：抽检批次"}`},
		{"/answers", c.token(c.r1), `{"answer":"企业的话：已退款"}`},
		{"/resolution", regToken, `{"substantiated":true,"outcome":"经调查属实，商家退款并赔偿"}`},
	} {
		rec := c.post("/api/v1/complaints/"+out.ComplaintID+step.path, step.token, "10.0.0.1", step.body)
		if rec.Code != 201 {
			t.Fatalf("%s = %d %s", step.path, rec.Code, rec.Body)
		}
		var o struct {
			Head uint64 `json:"head"`
		}
		json.Unmarshal(rec.Body.Bytes(), &o)
		head = o.Head
	}
	rec = lookup(out.ComplaintID, out.FollowUpCode, head)
	if rec.Code != 200 {
		t.Fatalf("lookup after the conclusion = %d %s", rec.Code, rec.Body)
	}
	st = query.PublicComplaintStatus{}
	json.Unmarshal(rec.Body.Bytes(), &st)
	var steps []string
	for _, s := range st.Steps {
		steps = append(steps, s.Step)
	}
	if st.Status != "resolved" || st.AcceptedAt == nil || st.ConcludeBy == "" || st.ClosedAt == nil || st.Substantiated == nil || !*st.Substantiated ||
		st.Conclusion != "经调查属实，商家退款并赔偿" || strings.Join(steps, ",") != "filed,accepted,investigation_started,answered,resolved" {
		t.Fatalf("status after the conclusion %+v", st)
	}
	for _, private := range []string{"138 0000 0000", "有异物", "企业的话", "内部", c.r1, "contact", "against"} {
		if strings.Contains(rec.Body.String(), private) {
			t.Fatalf("the public status shows %q: %s", private, rec.Body)
		}
	}

	wrongCode := lookup(out.ComplaintID, "AAAA-AAAA-AAAA-AAAA", head)
	unknownID := lookup("00000000-0000-0000-0000-000000000000", out.FollowUpCode, head)
	noCode := lookup(out.ComplaintID, "", head)
	if wrongCode.Code != 404 || unknownID.Code != 404 || noCode.Code != 404 {
		t.Fatalf("wrong code = %d, unknown id = %d, no code = %d: want 404", wrongCode.Code, unknownID.Code, noCode.Code)
	}
	if wrongCode.Body.String() != unknownID.Body.String() || noCode.Body.String() != unknownID.Body.String() {
		t.Fatalf("the 404s differ:\n%s\n%s\n%s", wrongCode.Body, unknownID.Body, noCode.Body)
	}
	if rec := c.post("/api/v1/public/complaints/"+out.ComplaintID+"/status", "", "198.51.100.9", `{"code":"`+strings.Repeat("A", 65)+`"}`); rec.Code != 400 {
		t.Fatalf("a code too long = %d %s, want 400", rec.Code, rec.Body)
	}
}

func TestThePublicStatusLookupIsRateLimitedPerAddress(t *testing.T) {
	c := complaintChain(t)
	for i := range 8 {
		if rec := c.post("/api/v1/public/complaints/x/status", "", "192.0.2.20", `{"code":"AAAA"}`); rec.Code != 404 {
			t.Fatalf("lookup %d = %d %s, want 404", i, rec.Code, rec.Body)
		}
	}
	rec := c.post("/api/v1/public/complaints/x/status", "", "192.0.2.20", `{"code":"AAAA"}`)
	if rec.Code != 429 || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("a ninth lookup at once = %d %s, want 429 with Retry-After", rec.Code, rec.Body)
	}
	if rec := c.post("/api/v1/public/complaints/x/status", "", "192.0.2.21", `{"code":"AAAA"}`); rec.Code != 404 {
		t.Fatalf("another address = %d %s, want 404", rec.Code, rec.Body)
	}
}
