package httpapi_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

func TestAnalyticsGrades(t *testing.T) {
	f := newRiskFixture(t)
	rec := f.get(t, "/api/v1/analytics/grades?as_of=2026-03-07", anaToken)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var a struct {
		Source string             `json:"source"`
		AsOf   time.Time          `json:"as_of"`
		Grades []query.GradeCount `json:"grades"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	want := []query.GradeCount{{Grade: 1, Enterprises: 1}, {Grade: 2}, {Grade: 3}, {Grade: 4, Enterprises: 1}}
	if a.Source != "embedded" || !a.AsOf.Equal(time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)) || len(a.Grades) != 4 {
		t.Fatalf("answer %+v", a)
	}
	for i := range want {
		if a.Grades[i] != want[i] {
			t.Errorf("grades %+v, want %+v", a.Grades, want)
			break
		}
	}
}

func TestAnalyticsTopRisks(t *testing.T) {
	f := newRiskFixture(t)
	var a struct {
		Source      string `json:"source"`
		Enterprises []struct {
			USCC    string                       `json:"uscc"`
			Name    string                       `json:"name"`
			Grade   int                          `json:"grade"`
			Score   float64                      `json:"score"`
			Factors map[string]query.GradeFactor `json:"factors"`
		} `json:"enterprises"`
	}
	rec := f.get(t, "/api/v1/analytics/top-risks?limit=1", regToken)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	if a.Source != "embedded" || len(a.Enterprises) != 1 {
		t.Fatalf("answer %s", rec.Body)
	}
	if e := a.Enterprises[0]; e.USCC != riskMaker || e.Name != "Maker" || e.Grade != 4 || len(e.Factors) == 0 {
		t.Errorf("the riskiest = %+v, want the maker at grade 4 with its factors", e)
	}
	rec = f.get(t, "/api/v1/analytics/top-risks", regToken)
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil || len(a.Enterprises) != 2 || a.Enterprises[1].USCC != riskShop {
		t.Errorf("default limit: %s", rec.Body)
	}

	cases := []struct {
		name, path, token string
		status            int
		code, field       string
	}{
		{"a zero limit", "/api/v1/analytics/top-risks?limit=0", regToken, 400, "invalid", "limit"},
		{"a limit that is no number", "/api/v1/analytics/top-risks?limit=ten", regToken, 400, "invalid", "limit"},
		{"a limit too large", "/api/v1/analytics/top-risks?limit=100000", regToken, 400, "invalid", "limit"},
		{"a malformed as_of", "/api/v1/analytics/top-risks?as_of=soon", regToken, 400, "invalid", "as_of"},
		{"an enterprise", "/api/v1/analytics/top-risks", riskShopToken, 403, "forbidden", ""},
		{"an enterprise on the distribution", "/api/v1/analytics/grades", riskShopToken, 403, "forbidden", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantError(t, f.get(t, c.path, c.token), c.status, c.code, c.field)
		})
	}
}
