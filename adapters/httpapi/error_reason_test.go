package httpapi_test

import (
	"net/url"
	"slices"
	"testing"
)

// A refusal names its rule and the values in it, so a client can tell it in
// its reader's language: a wrong check digit says which digit was expected.
func TestARefusalCarriesItsReasonAndParameters(t *testing.T) {
	f := newFixture(t, nil)
	rec := newChain(t).get("/api/v1/items/"+url.PathEscape("/01/06901234567895/21/1")+"/trace", regToken)
	e := wantError(t, rec, 400, "invalid", "code")
	if e.Error.Reason != "id_check_digit" || e.Error.Params == nil || !slices.Equal(*e.Error.Params, []string{"06901234567895", "2", "5"}) {
		t.Errorf("reason %q params %v, want id_check_digit [06901234567895 2 5]", e.Error.Reason, e.Error.Params)
	}
	rec = f.do(t, "POST", "/api/v1/labels", entToken, `{"gtin":"06901234567892","count":1,"colour":"red"}`)
	if e := wantError(t, rec, 400, "invalid", "colour"); e.Error.Reason != "unknown_field" {
		t.Errorf("unknown member: reason %q, want unknown_field", e.Error.Reason)
	}
	rec = f.do(t, "GET", "/api/v1/no-such-route", regToken, "")
	if e := wantError(t, rec, 404, "not_found", ""); e.Error.Reason != "not_found" || e.Error.Params == nil || len(*e.Error.Params) != 0 {
		t.Errorf("unknown route: reason %q params %v, want not_found []", e.Error.Reason, e.Error.Params)
	}
}
