package httpapi_test

import (
	"encoding/json"
	"net/http"
	"testing"
)

func TestAnyoneListsTheProductCatalogue(t *testing.T) {
	f := newFixture(t, nil)
	rec := f.do(t, http.MethodGet, "/api/v1/categories", "", "")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var body struct {
		Version    string `json:"version"`
		Categories []struct{ Code, Zh, En string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range body.Categories {
		found = found || (c.Code == "infant_formula" && c.Zh == "婴幼儿配方食品" && c.En == "Infant formula")
	}
	if body.Version == "" || !found {
		t.Errorf("catalogue %s", rec.Body)
	}
}
