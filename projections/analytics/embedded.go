package analytics

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// Grader is what the grade dashboards read of the credit grade model;
// *risk.Projection implements it.
type Grader interface {
	Distribution(now time.Time) []query.GradeCount
	Top(now time.Time, n int) []query.Grade
}

// Embedded answers every dashboard from the embedded read models: the
// grades from Risk, the rest from Model. A nil Model answers only the
// grade dashboards (the others panic), for servers that route only those.
type Embedded struct {
	Risk  Grader
	Model *Projection
}

var _ query.Analytics = Embedded{}

// Grades is the grade distribution as of asOf.
func (e Embedded) Grades(_ context.Context, asOf time.Time) (query.GradeDistribution, error) {
	return query.GradeDistribution{Source: query.SourceEmbedded, AsOf: asOf, Grades: e.Risk.Distribution(asOf)}, nil
}

// TopRisks are the limit riskiest enterprises as of asOf.
func (e Embedded) TopRisks(_ context.Context, asOf time.Time, limit int) (query.TopRisks, error) {
	out := query.TopRisks{Source: query.SourceEmbedded, AsOf: asOf, Enterprises: []query.TopRisk{}}
	for _, g := range e.Risk.Top(asOf, limit) {
		out.Enterprises = append(out.Enterprises, TopRiskOf(g))
	}
	return out, nil
}

// TopRiskOf is a grade as the top-risks dashboard lists it.
func TopRiskOf(g query.Grade) query.TopRisk {
	return query.TopRisk{USCC: g.USCC, Name: g.Name, Grade: g.Grade, Blacklisted: g.Blacklisted, Score: g.Score, Factors: g.Factors}
}

// RiskTrend is the risk events by month.
func (e Embedded) RiskTrend(_ context.Context, asOf time.Time) (query.RiskTrend, error) {
	return query.RiskTrend{Source: query.SourceEmbedded, AsOf: asOf, Months: e.Model.Trend()}, nil
}

// Rates are the complaint and inspection-failure rates grouped by by.
func (e Embedded) Rates(_ context.Context, asOf time.Time, by query.RateKey) (query.Rates, error) {
	return query.Rates{Source: query.SourceEmbedded, AsOf: asOf, By: string(by), Groups: e.Model.Rates(by)}, nil
}

// Recalls are the recall counts as of asOf.
func (e Embedded) Recalls(_ context.Context, asOf time.Time) (query.RecallDashboard, error) {
	levels, months, overdue := e.Model.Recalls(asOf)
	return query.RecallDashboard{Source: query.SourceEmbedded, AsOf: asOf, Levels: levels, Months: months, Overdue: overdue}, nil
}

// RankedRates are the rates by region or operator over period, worst
// first, one page.
func (e Embedded) RankedRates(_ context.Context, asOf time.Time, by query.RateKey, period query.RatePeriod, page query.RatePage) (query.Rates, error) {
	groups, next := RankRates(e.Model.OperatorCounts(period), by, page)
	return query.Rates{Source: query.SourceEmbedded, AsOf: asOf, By: string(by), From: period.Format(period.From),
		To: period.Format(period.To), Groups: groups, Next: next}, nil
}
