package risk

import (
	"math"

	"github.com/traceledger/traceledger/app/query"
)

// factorValues computes each factor's raw value from the features. The
// names are grading.json's; docs/grading.md states each formula.
var factorValues = map[string]func(f query.GradeFeatures, c Config) float64{
	"complaints_per_1000_units": func(f query.GradeFeatures, c Config) float64 {
		return 1000 * float64(f.ComplaintsSubstantiated) / math.Max(float64(f.UnitsSold), c.Floors.UnitsSold.Value)
	},
	"market_inspection_failure_rate": func(f query.GradeFeatures, c Config) float64 {
		return float64(f.MarketInspectionsFailed) / math.Max(float64(f.MarketInspections), c.Floors.MarketInspections.Value)
	},
	"customs_inspection_failures": func(f query.GradeFeatures, _ Config) float64 { return float64(f.CustomsInspectionsFailed) },
	"customs_rejections":          func(f query.GradeFeatures, _ Config) float64 { return float64(f.CustomsRejections) },
	"recalls_level_1":             func(f query.GradeFeatures, _ Config) float64 { return float64(f.RecallsLevel1) },
	"recalls_level_2":             func(f query.GradeFeatures, _ Config) float64 { return float64(f.RecallsLevel2) },
	"recalls_level_3":             func(f query.GradeFeatures, _ Config) float64 { return float64(f.RecallsLevel3) },
	"recall_deadlines_missed":     func(f query.GradeFeatures, _ Config) float64 { return float64(f.RecallDeadlinesMissed) },
	"penalties":                   func(f query.GradeFeatures, _ Config) float64 { return float64(f.Penalties) },
	"penalty_amount_cny":          func(f query.GradeFeatures, _ Config) float64 { return float64(f.PenaltyAmountCNY) },
	"certificate_lapses": func(f query.GradeFeatures, _ Config) float64 {
		return float64(f.CertificatesRejected + f.CertificatesRevoked + f.CertificatesExpiredInUse)
	},
	"uncertified_sales": func(f query.GradeFeatures, _ Config) float64 { return float64(f.UncertifiedSales) },
	"expired_sales":     func(f query.GradeFeatures, _ Config) float64 { return float64(f.ExpiredSales) },
}

// Score computes every factor and the score from the features:
//
//	normalized   = min(max(value, 0) / saturation, 1)
//	contribution = round2(weight × normalized)
//	score        = round2(Σ contribution, in grading.json's factor order)
//
// where round2(x) = floor(x×100 + 0.5) / 100 in float64. Value and
// normalized are answered rounded to 4 decimals (display only: the
// contribution uses the unrounded normalized value).
func (c Config) Score(f query.GradeFeatures) (score float64, factors map[string]query.GradeFactor) {
	factors = make(map[string]query.GradeFactor, len(c.Factors))
	var sum float64
	for _, spec := range c.Factors {
		v := factorValues[spec.Name](f, c)
		n := math.Min(math.Max(v, 0)/spec.Saturation, 1)
		contrib := round(spec.Weight*n, 2)
		sum += contrib
		factors[spec.Name] = query.GradeFactor{Value: round(v, 4), Normalized: round(n, 4), Weight: spec.Weight, Contribution: contrib}
	}
	return round(sum, 2), factors
}

// Classify is the grade of a score and the serious violations on record:
// any serious violation forces 4, otherwise the thresholds decide.
func (c Config) Classify(score float64, serious int) int {
	if serious > 0 {
		return 4
	}
	return c.GradeOf(score)
}

// round is floor(x×10^d + 0.5) / 10^d: half away from zero for the
// non-negative numbers of the grade, and simple to repeat in SQL.
func round(x float64, d int) float64 {
	p := math.Pow10(d)
	return math.Floor(x*p+0.5) / p
}
