package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestADeliveryIsCheckedInOneCall: a retailer posts every code of a
// delivery — bare GTINs, a package's Digital Link, a product the ledger does
// not hold and a code it cannot read — and gets each one's certificate in
// order, without a token; an empty or oversized list is 400.
func TestADeliveryIsCheckedInOneCall(t *testing.T) {
	l := newHistLedger(t)
	body := `{"codes":["` + histGTIN + `","` + l.codes[0] + `","6901234567892","not-a-code"]}`
	var rec *httptest.ResponseRecorder
	for i := 0; i < 500; i++ { // the public check does not wait: poll until the models caught up
		req := httptest.NewRequestWithContext(t.Context(), "POST", "/api/v1/certificates/check", strings.NewReader(body))
		rec = httptest.NewRecorder()
		l.srv.ServeHTTP(rec, req)
		var peek struct{ Checks []struct{ Status string } }
		_ = json.Unmarshal(rec.Body.Bytes(), &peek)
		if rec.Code == 200 && len(peek.Checks) > 0 && peek.Checks[0].Status != "none" {
			break
		}
	}
	var got struct {
		Checks []struct {
			Code, GTIN, Status, Error string
			CertificateNo             string `json:"certificate_no"`
		} `json:"checks"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 || len(got.Checks) != 4 {
		t.Fatalf("check = %d %s", rec.Code, rec.Body)
	}
	if c := got.Checks[0]; c.GTIN != histGTIN || c.Status != "issued" || c.CertificateNo == "" {
		t.Errorf("the GTIN: %+v, want its issued certificate", c)
	}
	if c := got.Checks[1]; c.GTIN != histGTIN || c.Status != "issued" {
		t.Errorf("the package's code: %+v, want its product's certificate", c)
	}
	if c := got.Checks[2]; c.Status != "none" || c.Error != "" {
		t.Errorf("a product the ledger does not hold: %+v, want status none", c)
	}
	if c := got.Checks[3]; c.Error == "" || c.Status != "" {
		t.Errorf("an unreadable code: %+v, want why", c)
	}
	for _, bad := range []string{`{"codes":[]}`, `{"codes":["` + strings.Repeat(`1",  "`, 1001) + `1"]}`} {
		req := httptest.NewRequestWithContext(t.Context(), "POST", "/api/v1/certificates/check", strings.NewReader(bad))
		rec := httptest.NewRecorder()
		l.srv.ServeHTTP(rec, req)
		wantError(t, rec, 400, "invalid", "codes")
	}
}
