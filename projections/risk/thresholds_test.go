package risk_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/risk"
)

// Scores at a threshold take the better grade; one cent above, the next.
func TestThresholds(t *testing.T) {
	c := risk.Embedded()
	cases := []struct {
		name  string
		score float64
		want  int
	}{
		{"no finding", 0, 1},
		{"just below 10", 9.99, 1},
		{"at 10", 10, 1},
		{"just above 10", 10.01, 2},
		{"at 30", 30, 2},
		{"just above 30", 30.01, 3},
		{"at 60", 60, 3},
		{"just above 60", 60.01, 4},
		{"everything saturated", 100, 4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.GradeOf(tc.score); got != tc.want {
				t.Errorf("GradeOf(%v) = %d, want %d", tc.score, got, tc.want)
			}
			if got := c.Classify(tc.score, 0); got != tc.want {
				t.Errorf("Classify(%v, no violations) = %d, want %d", tc.score, got, tc.want)
			}
			if got := c.Classify(tc.score, 1); got != 4 {
				t.Errorf("Classify(%v, a violation) = %d, want 4", tc.score, got)
			}
		})
	}
}

// Every factor saturated scores exactly 100; none scores 0.
func TestScoreBounds(t *testing.T) {
	c := risk.Embedded()
	if s, _ := c.Score(query.GradeFeatures{}); s != 0 {
		t.Errorf("no features score %v, want 0", s)
	}
	all := query.GradeFeatures{UnitsSold: 1, ComplaintsSubstantiated: 100, MarketInspections: 10, MarketInspectionsFailed: 10,
		CustomsInspectionsFailed: 9, CustomsRejections: 9, RecallsLevel1: 9, RecallsLevel2: 9, RecallsLevel3: 9,
		RecallDeadlinesMissed: 9, Penalties: 9, PenaltyAmountCNY: 9_000_000, CertificatesRevoked: 9, UncertifiedSales: 9, ExpiredSales: 9}
	s, factors := c.Score(all)
	if s != 100 {
		t.Errorf("everything saturated scores %v, want 100", s)
	}
	for name, f := range factors {
		if f.Normalized != 1 || f.Contribution != f.Weight {
			t.Errorf("%s = %+v, want normalized 1 and its whole weight", name, f)
		}
	}
}

// Contributions are rounded to cents first and the score is their sum.
func TestScoreRounding(t *testing.T) {
	c := risk.Embedded()
	// 1 of 3 level-3 recalls: 3 × 1/3 = 1; 2 customs failures: 7 × 2/3 =
	// 4.666… → 4.67; 1 lapse: 4 × 1/3 = 1.333… → 1.33.
	s, f := c.Score(query.GradeFeatures{RecallsLevel3: 1, CustomsInspectionsFailed: 2, CertificatesRejected: 1})
	if f["customs_inspection_failures"].Contribution != 4.67 || f["certificate_lapses"].Contribution != 1.33 || f["customs_inspection_failures"].Normalized != 0.6667 {
		t.Errorf("factors %+v", f)
	}
	if s != 7 {
		t.Errorf("score %v, want 1 + 4.67 + 1.33 = 7", s)
	}
}

// The embedded file is the documented one: weights sum to 100 and each
// entry says why.
func TestEmbeddedConfig(t *testing.T) {
	c := risk.Embedded()
	for _, f := range c.Factors {
		if strings.TrimSpace(f.Why) == "" {
			t.Errorf("factor %s has no why", f.Name)
		}
	}
	for _, th := range c.Thresholds {
		if strings.TrimSpace(th.Why) == "" {
			t.Errorf("threshold of grade %d has no why", th.Grade)
		}
	}
	b, _ := json.Marshal(c)
	if _, err := risk.ParseConfig(b); err != nil {
		t.Fatalf("the embedded config does not parse back: %v", err)
	}
}

func TestConfigIsChecked(t *testing.T) {
	good, _ := json.Marshal(risk.Embedded())
	cases := []struct {
		name   string
		change func(c *risk.Config)
		want   string
	}{
		{"weights not summing to 100", func(c *risk.Config) { c.Factors[0].Weight++ }, "sum"},
		{"an unknown factor", func(c *risk.Config) { c.Factors[0].Name = "luck" }, "not known"},
		{"a missing factor", func(c *risk.Config) { c.Factors = c.Factors[1:] }, "no weight"},
		{"a zero saturation", func(c *risk.Config) { c.Factors[0].Saturation = 0 }, "saturation"},
		{"thresholds out of order", func(c *risk.Config) { c.Thresholds[1].MaxScore = 5 }, "threshold"},
		{"no floor", func(c *risk.Config) { c.Floors.UnitsSold.Value = 0 }, "floors"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c risk.Config
			json.Unmarshal(good, &c)
			tc.change(&c)
			b, _ := json.Marshal(c)
			if _, err := risk.ParseConfig(b); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ParseConfig = %v, want an error about %q", err, tc.want)
			}
		})
	}
}
