package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// send posts body to path on the history fixture's server as token.
func (l *histLedger) send(t *testing.T, path, token, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), "POST", path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	l.srv.ServeHTTP(rec, req)
	return rec
}

// TestACertificatesRenewalsAmendmentsAndRevocationShowInItsHistory: the
// regulator renews the certificate, its holder amends the record number,
// the regulator revokes it and allows a new notification; the public view
// answers each step with its version and what changed, and the delivery
// check says the revoked product's goods are no longer admissible.
func TestACertificatesRenewalsAmendmentsAndRevocationShowInItsHistory(t *testing.T) {
	l := newHistLedger(t)
	base := "/api/v1/products/" + histGTIN + "/certificate"
	holder := "tok-" + l.imp
	if rec := l.send(t, base+"/renewal", "tok-"+l.shopA, `{"valid_days":30}`); rec.Code != 403 {
		t.Fatalf("a retailer renewed a certificate: %d %s", rec.Code, rec.Body)
	}
	if rec := l.send(t, base+"/renewal", regToken, ``); rec.Code != 201 {
		t.Fatalf("renewal = %d %s", rec.Code, rec.Body)
	}
	wantError(t, l.send(t, base+"/amendments", holder, `{"holder_uscc":"`+l.imp+`","record_no":"BA2025001","reason":"同号"}`), 400, "invalid", "record_no")
	if rec := l.send(t, base+"/amendments", holder, `{"holder_uscc":"`+l.imp+`","record_no":"BA2026009","reason":"备案号变更"}`); rec.Code != 201 {
		t.Fatalf("amendment = %d %s", rec.Code, rec.Body)
	}
	wantError(t, l.send(t, base+"/renotification", regToken, `{"reason":"x"}`), 409, "conflict", "")
	if rec := l.send(t, base+"/revocation", regToken, `{"reason":"核查撤销"}`); rec.Code != 201 {
		t.Fatalf("revocation = %d %s", rec.Code, rec.Body)
	}
	wantError(t, l.send(t, "/api/v1/products/"+histGTIN+"/notifications", holder, `{"notifier_uscc":"`+l.imp+`"}`), 409, "conflict", "")
	rec := l.send(t, base+"/renotification", regToken, `{"reason":"原因已消除"}`)
	if rec.Code != 201 {
		t.Fatalf("leave to notify again = %d %s", rec.Code, rec.Body)
	}
	pos, _ := strconv.ParseUint(rec.Header().Get("X-Traceledger-Position"), 10, 64)

	var v struct {
		Imported              bool   `json:"imported"`
		Status                string `json:"status"`
		Version               int    `json:"version"`
		RenotificationAllowed bool   `json:"renotification_allowed"`
		History               []struct {
			Type     string `json:"type"`
			Version  int    `json:"version"`
			ValidTo  string `json:"valid_to"`
			RecordNo string `json:"record_no"`
			Reason   string `json:"reason"`
			Changes  []struct{ Field, From, To string }
		} `json:"history"`
	}
	decodeOK(t, base, readAt(t, l.srv, base, "", pos), &v)
	if !v.Imported || v.Status != "revoked" || v.Version != 3 || !v.RenotificationAllowed {
		t.Fatalf("view %+v, want an imported product's revoked certificate at version 3, re-notification allowed", v)
	}
	var types []string
	for _, h := range v.History {
		types = append(types, h.Type)
	}
	want := "certificate.notified.v1 certificate.issued.v1 certificate.renewed.v1 certificate.amended.v1 certificate.revoked.v1 certificate.renotification_allowed.v1"
	if strings.Join(types, " ") != want {
		t.Fatalf("history %v, want %s", types, want)
	}
	issued, renewed, amended := v.History[1], v.History[2], v.History[3]
	if issued.Version != 1 || renewed.Version != 2 || renewed.ValidTo <= issued.ValidTo || amended.Version != 3 {
		t.Errorf("versions: issued %+v, renewed %+v, amended %+v", issued, renewed, amended)
	}
	if len(amended.Changes) != 1 || amended.Changes[0].Field != "record_no" || amended.Changes[0].From != "BA2025001" || amended.Changes[0].To != "BA2026009" {
		t.Errorf("amendment changes %+v, want record_no BA2025001 -> BA2026009", amended.Changes)
	}

	var check *httptest.ResponseRecorder
	for i := 0; i < 500; i++ { // the public check does not wait: poll until the models caught up
		req := httptest.NewRequestWithContext(t.Context(), "POST", "/api/v1/certificates/check?min_position="+strconv.FormatUint(pos, 10),
			strings.NewReader(`{"codes":["`+histGTIN+`","6901234567892"]}`))
		check = httptest.NewRecorder()
		l.srv.ServeHTTP(check, req)
		if check.Code != 503 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	var got struct {
		Checks []struct {
			Status     string `json:"status"`
			Imported   bool   `json:"imported"`
			Admissible *bool  `json:"admissible"`
		} `json:"checks"`
	}
	if err := json.Unmarshal(check.Body.Bytes(), &got); err != nil || len(got.Checks) != 2 {
		t.Fatalf("check = %d %s", check.Code, check.Body)
	}
	if c := got.Checks[0]; c.Status != "revoked" || !c.Imported || c.Admissible == nil || *c.Admissible {
		t.Errorf("the revoked product: %+v, want imported and not admissible", c)
	}
	if c := got.Checks[1]; c.Admissible == nil || *c.Admissible {
		t.Errorf("a product the ledger does not hold: %+v, want not admissible", c)
	}
}
