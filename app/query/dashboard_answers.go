package query

import (
	"fmt"
	"time"
)

// The engines an answer may come from.
const (
	SourceEmbedded   = "embedded"
	SourceClickHouse = "clickhouse"
)

// GradeDistribution is the grade distribution: every grade 1-4, always listed.
type GradeDistribution struct {
	Source string       `json:"source"`
	AsOf   time.Time    `json:"as_of"`
	Grades []GradeCount `json:"grades"`
}

// TopRisks are the riskiest enterprises: by grade, then score (both
// descending), then USCC.
type TopRisks struct {
	Source      string    `json:"source"`
	AsOf        time.Time `json:"as_of"`
	Enterprises []TopRisk `json:"enterprises"`
}

// TopRisk is one enterprise's grade with the factors that produced it.
type TopRisk struct {
	USCC        string                 `json:"uscc"`
	Name        string                 `json:"name"`
	Grade       int                    `json:"grade"`
	Blacklisted bool                   `json:"blacklisted"`
	Score       float64                `json:"score"`
	Factors     map[string]GradeFactor `json:"factors"`
}

// RiskTrend counts risk events by calendar month (UTC) of their occurred_at,
// every month from the first to the last listed, empty ones with zeros.
type RiskTrend struct {
	Source string       `json:"source"`
	AsOf   time.Time    `json:"as_of"`
	Months []TrendMonth `json:"months"`
}

// TrendMonth is one month's risk events. The counts are of events, not
// of graded enterprises: a customs failure counts here even when its
// declaration is unknown to the log.
type TrendMonth struct {
	// Month is YYYY-MM.
	Month                    string `json:"month"`
	ComplaintsFiled          int64  `json:"complaints_filed"`
	ComplaintsSubstantiated  int64  `json:"complaints_substantiated"`
	MarketInspections        int64  `json:"market_inspections"`
	MarketInspectionsFailed  int64  `json:"market_inspections_failed"`
	CustomsInspectionsFailed int64  `json:"customs_inspections_failed"`
	CustomsRejections        int64  `json:"customs_rejections"`
	RecallsStarted           int64  `json:"recalls_started"`
	Penalties                int64  `json:"penalties"`
	PenaltyAmountCNY         int64  `json:"penalty_amount_cny"`
}

// Rates are complaint and market-inspection-failure rates per product
// category or origin country (By), groups sorted by key.
type Rates struct {
	Source string    `json:"source"`
	AsOf   time.Time `json:"as_of"`
	By     string    `json:"by"`
	// From and To are a ranked answer's period (YYYY-MM-DD, inclusive).
	From   string      `json:"from,omitempty"`
	To     string      `json:"to,omitempty"`
	Groups []RateGroup `json:"groups"`
	// Next is a ranked answer's ?after= for the following page (the rank
	// of its last group), null on the last page and for unranked answers.
	Next *uint64 `json:"next"`
}

// RateGroup is one category's or origin country's counts and rates. Rates
// are rounded to 4 decimals (floor(x×10⁴+0.5)/10⁴) and are 0 when their
// denominator is.
type RateGroup struct {
	// Key is the category or ISO country code ("" for products the log
	// never registered).
	Key                     string  `json:"key"`
	Products                int64   `json:"products"`
	UnitsSold               int64   `json:"units_sold"`
	Complaints              int64   `json:"complaints"`
	ComplaintsResolved      int64   `json:"complaints_resolved"`
	ComplaintsSubstantiated int64   `json:"complaints_substantiated"`
	ComplaintsPer1000Units  float64 `json:"complaints_per_1000_units"`
	SubstantiatedShare      float64 `json:"substantiated_share"`
	Inspections             int64   `json:"inspections"`
	InspectionsFailed       int64   `json:"inspections_failed"`
	FailureRate             float64 `json:"failure_rate"`
	// Name and Region are an operator's as it registered them (by=operator).
	Name   string `json:"name,omitempty"`
	Region string `json:"region,omitempty"`
	// Operators, Recalls and Withdrawals are answered by region and
	// operator only: the operators counted, recalls they started and
	// withdrawals (batch.withdrawn.v1) they recorded.
	Operators   *int64 `json:"operators,omitempty"`
	Recalls     *int64 `json:"recalls,omitempty"`
	Withdrawals *int64 `json:"withdrawals,omitempty"`
}

// RecallDashboard counts recalls by level and by month started, each as open,
// overdue (open past its completion deadline at as_of) or closed, and lists
// the overdue ones.
type RecallDashboard struct {
	Source  string          `json:"source"`
	AsOf    time.Time       `json:"as_of"`
	Levels  []RecallCounts  `json:"levels"`
	Months  []RecallCounts  `json:"months"`
	Overdue []OverdueRecall `json:"overdue"`
}

// RecallCounts are the recalls of one level (and, in Months, one month).
// Started = Open + Overdue + Closed.
type RecallCounts struct {
	Month   string `json:"month,omitempty"`
	Level   int    `json:"level"`
	Started int64  `json:"started"`
	Open    int64  `json:"open"`
	Overdue int64  `json:"overdue"`
	Closed  int64  `json:"closed"`
}

// OverdueRecall is an open recall past its deadline.
type OverdueRecall struct {
	RecallID   string    `json:"recall_id"`
	Level      int       `json:"level"`
	Initiator  string    `json:"initiator"`
	StartedAt  time.Time `json:"started_at"`
	CompleteBy time.Time `json:"complete_by"`
}

// RateKey is what ?by= groups the rates by.
type RateKey string

// The keys rates can be grouped by: the product's category and its origin
// country, as registered (product.registered.v1).
const (
	ByCategory      RateKey = "category"
	ByOriginCountry RateKey = "origin_country"
)

// ParseRateKey reads ?by=.
func ParseRateKey(s string) (RateKey, error) {
	switch k := RateKey(s); k {
	case ByCategory, ByOriginCountry, ByRegion, ByOperator:
		return k, nil
	}
	return "", fmt.Errorf("%q: want %s, %s, %s or %s", s, ByCategory, ByOriginCountry, ByRegion, ByOperator)
}
