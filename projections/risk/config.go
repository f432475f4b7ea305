package risk

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

//go:embed grading.json
var gradingJSON []byte

// Config is grading.json: every weight, saturation, floor, threshold and
// serious-violation rule of the grade, each with the reason it was chosen, in
// one file so that analysts can read and change the scheme without reading
// code (docs/grading.md explains it).
type Config struct {
	Version    int           `json:"version"`
	About      string        `json:"about"`
	Factors    []FactorSpec  `json:"factors"`
	Floors     Floors        `json:"floors"`
	Thresholds []Threshold   `json:"thresholds"`
	Serious    SeriousConfig `json:"serious"`
	// Sampling is each class's inspection rates: class 3-4 enterprises are
	// priority inspection targets (重点检验对象).
	Sampling []SamplingRate `json:"sampling"`
}

// SamplingRate is the share (0-1) of a class's customs declarations
// inspected (查验) and of its market stock sampled (抽检).
type SamplingRate struct {
	Grade                 int     `json:"grade"`
	CustomsInspectionRate float64 `json:"customs_inspection_rate"`
	MarketSamplingRate    float64 `json:"market_sampling_rate"`
	Priority              bool    `json:"priority"`
	Why                   string  `json:"why"`
}

// Levels is one documented list of recall levels.
type Levels struct {
	Values []int  `json:"values"`
	Why    string `json:"why"`
}

// FactorSpec weighs one factor. A raw value at or above Saturation
// normalises to 1; the order of Factors is the order of summation.
type FactorSpec struct {
	Name       string  `json:"name"`
	Weight     float64 `json:"weight"`
	Saturation float64 `json:"saturation"`
	Why        string  `json:"why"`
}

// Value is one documented number.
type Value struct {
	Value float64 `json:"value"`
	Why   string  `json:"why"`
}

// Terms is one documented list of words.
type Terms struct {
	Values []string `json:"values"`
	Why    string   `json:"why"`
}

// Floors keep rates of small denominators from exploding.
type Floors struct {
	UnitsSold         Value `json:"units_sold"`
	MarketInspections Value `json:"market_inspections"`
}

// Threshold is the highest score (inclusive) of a grade; a score above the
// last threshold is grade 4.
type Threshold struct {
	Grade    int     `json:"grade"`
	MaxScore float64 `json:"max_score"`
	Why      string  `json:"why"`
}

// SeriousConfig holds the rules of the violations that force class 4. They
// are applied in the fold, so a change needs a new Version.
type SeriousConfig struct {
	CustomsFineAboveCNY Value `json:"customs_fine_above_cny"`
	CustomsAuthorities  Terms `json:"customs_authorities"`
	SmugglingTerms      Terms `json:"smuggling_terms"`
	// OverdueRecallLevels are the recall levels whose completion past the
	// deadline forces class 4 on the enterprise that answers for it, while
	// the recall stays open.
	OverdueRecallLevels Levels `json:"overdue_recall_levels"`
}

// Embedded is the grading.json compiled into the binary.
func Embedded() Config {
	c, err := ParseConfig(gradingJSON)
	if err != nil {
		panic(fmt.Sprintf("risk: embedded grading.json: %v", err))
	}
	return c
}

// ParseConfig reads and checks a grading file: every known factor exactly
// once, weights summing to 100, positive saturations and floors, thresholds
// for grades 1, 2 and 3 rising within 0-100.
func ParseConfig(b []byte) (Config, error) {
	var c Config
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, fmt.Errorf("parse grading config: %w", err)
	}
	return c, c.check()
}

func (c Config) check() error {
	var errs []error
	var sum float64
	var names []string
	for _, f := range c.Factors {
		if _, ok := factorValues[f.Name]; !ok {
			errs = append(errs, fmt.Errorf("factor %q is not known", f.Name))
		}
		if slices.Contains(names, f.Name) {
			errs = append(errs, fmt.Errorf("factor %q given twice", f.Name))
		}
		names = append(names, f.Name)
		if f.Weight < 0 || f.Saturation <= 0 {
			errs = append(errs, fmt.Errorf("factor %q: weight must be >= 0 and saturation > 0", f.Name))
		}
		sum += f.Weight
	}
	for name := range factorValues {
		if !slices.Contains(names, name) {
			errs = append(errs, fmt.Errorf("factor %q has no weight", name))
		}
	}
	if math.Abs(sum-100) > 1e-9 {
		errs = append(errs, fmt.Errorf("weights sum to %v, want 100", sum))
	}
	if c.Floors.UnitsSold.Value <= 0 || c.Floors.MarketInspections.Value <= 0 {
		errs = append(errs, errors.New("floors must be > 0"))
	}
	if len(c.Thresholds) != 3 {
		errs = append(errs, errors.New("thresholds: want grades 1, 2 and 3"))
	}
	prev := 0.0
	for i, t := range c.Thresholds {
		if t.Grade != i+1 || t.MaxScore <= prev || t.MaxScore >= 100 {
			errs = append(errs, fmt.Errorf("threshold %d: want grade %d with a max_score rising within 0-100", i, i+1))
		}
		prev = t.MaxScore
	}
	if c.Serious.CustomsFineAboveCNY.Value <= 0 || len(c.Serious.CustomsAuthorities.Values) == 0 || len(c.Serious.SmugglingTerms.Values) == 0 {
		errs = append(errs, errors.New("serious: a fine limit, customs authorities and smuggling terms are required"))
	}
	if len(c.Sampling) != 4 {
		errs = append(errs, errors.New("sampling: want the rates of grades 1 to 4"))
	}
	for i, r := range c.Sampling {
		if r.Grade != i+1 || r.CustomsInspectionRate < 0 || r.CustomsInspectionRate > 1 || r.MarketSamplingRate < 0 || r.MarketSamplingRate > 1 {
			errs = append(errs, fmt.Errorf("sampling %d: want grade %d with rates within 0-1", i, i+1))
		}
	}
	return errors.Join(errs...)
}

// SamplingOf is the inspection rates of a grade (the zero rates for a grade
// outside 1-4).
func (c Config) SamplingOf(grade int) SamplingRate {
	for _, r := range c.Sampling {
		if r.Grade == grade {
			return r
		}
	}
	return SamplingRate{Grade: grade}
}

// GradeOf maps a score to a grade: the first grade whose max_score the score
// does not exceed (a score equal to a threshold takes the better grade),
// else 4.
func (c Config) GradeOf(score float64) int {
	for _, t := range c.Thresholds {
		if score <= t.MaxScore {
			return t.Grade
		}
	}
	return 4
}

// containsAny reports whether s contains any of terms, ignoring case.
func containsAny(s string, terms []string) bool {
	s = strings.ToLower(s)
	for _, t := range terms {
		if strings.Contains(s, strings.ToLower(t)) {
			return true
		}
	}
	return false
}
