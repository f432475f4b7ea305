package analytics

import (
	"context"
	"math"
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

// Enterprises is the set f keeps (nil when f is not scoped).
func (e Embedded) Enterprises(_ context.Context, f query.DashboardFilter) (query.EnterpriseSet, error) {
	if !f.Scoped() {
		return nil, nil
	}
	return f.Select(e.Model.Candidates()), nil
}

// Grades is the grade distribution as of asOf of the enterprises f keeps.
func (e Embedded) Grades(ctx context.Context, asOf time.Time, f query.DashboardFilter) (query.GradeDistribution, error) {
	out := query.GradeDistribution{Source: query.SourceEmbedded, AsOf: asOf}
	if !f.Scoped() {
		out.Grades = e.Risk.Distribution(asOf)
		return out, nil
	}
	set, err := e.Enterprises(ctx, f)
	if err != nil {
		return out, err
	}
	out.Grades = Distribution(KeepGrades(e.Risk.Top(asOf, math.MaxInt), set))
	return out, nil
}

// TopRisks are the limit riskiest enterprises as of asOf among those f
// keeps.
func (e Embedded) TopRisks(ctx context.Context, asOf time.Time, limit int, f query.DashboardFilter) (query.TopRisks, error) {
	out := query.TopRisks{Source: query.SourceEmbedded, AsOf: asOf, Enterprises: []query.TopRisk{}}
	gs := e.Risk.Top(asOf, limit)
	if f.Scoped() {
		set, err := e.Enterprises(ctx, f)
		if err != nil {
			return out, err
		}
		gs = KeepGrades(e.Risk.Top(asOf, math.MaxInt), set)
		gs = gs[:min(len(gs), max(limit, 0))]
	}
	for _, g := range gs {
		out.Enterprises = append(out.Enterprises, TopRiskOf(g))
	}
	return out, nil
}

// TopRiskOf is a grade as the top-risks dashboard lists it.
func TopRiskOf(g query.Grade) query.TopRisk {
	return query.TopRisk{USCC: g.USCC, Name: g.Name, Grade: g.Grade, Blacklisted: g.Blacklisted, Score: g.Score, Factors: g.Factors}
}

// RiskTrend is the risk events by month of the operators f keeps.
func (e Embedded) RiskTrend(ctx context.Context, asOf time.Time, f query.DashboardFilter) (query.RiskTrend, error) {
	set, err := e.Enterprises(ctx, f)
	if err != nil {
		return query.RiskTrend{}, err
	}
	return query.RiskTrend{Source: query.SourceEmbedded, AsOf: asOf, Months: e.Model.Trend(set)}, nil
}

// Rates are the complaint and inspection-failure rates grouped by by, of
// the products and operators f keeps (Projection.Rates).
func (e Embedded) Rates(_ context.Context, asOf time.Time, by query.RateKey, f query.DashboardFilter) (query.Rates, error) {
	return query.Rates{Source: query.SourceEmbedded, AsOf: asOf, By: string(by), Groups: e.Model.Rates(by, f)}, nil
}

// Recalls are the recall counts as of asOf of the recalls f keeps.
func (e Embedded) Recalls(ctx context.Context, asOf time.Time, f query.DashboardFilter) (query.RecallDashboard, error) {
	set, err := e.Enterprises(ctx, f)
	if err != nil {
		return query.RecallDashboard{}, err
	}
	levels, months, overdue := TallyRecalls(KeepRecalls(e.Model.RecallItems(), set, f), asOf)
	return query.RecallDashboard{Source: query.SourceEmbedded, AsOf: asOf, Levels: levels, Months: months, Overdue: overdue}, nil
}

// RankedRates are the rates by region or operator over period, worst
// first, one page.
func (e Embedded) RankedRates(ctx context.Context, asOf time.Time, by query.RateKey, period query.RatePeriod, page query.RatePage) (query.Rates, error) {
	ops := e.Model.OperatorCounts(period)
	if page.Category != "" || page.Origin != "" {
		set, err := e.Enterprises(ctx, query.DashboardFilter{Category: page.Category, Origin: page.Origin})
		if err != nil {
			return query.Rates{}, err
		}
		ops = KeepOperators(ops, set)
	}
	groups, next := RankRates(ops, by, page)
	return query.Rates{Source: query.SourceEmbedded, AsOf: asOf, By: string(by), From: period.FirstDay(),
		To: period.LastDay(), Groups: groups, Next: next}, nil
}
