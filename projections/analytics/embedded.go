package analytics

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/projections/risk"
)

// Grader is what the grade dashboards read of the credit grade model;
// *risk.Projection implements it.
type Grader interface {
	Distribution(now time.Time) []risk.GradeCount
	Top(now time.Time, n int) []risk.Grade
}

// Embedded answers every dashboard from the embedded read models: the
// grades from Risk, the rest from Model. A nil Model answers only the
// grade dashboards (the others panic), for servers that route only those.
type Embedded struct {
	Risk  Grader
	Model *Projection
}

// Grades is the grade distribution as of asOf.
func (e Embedded) Grades(_ context.Context, asOf time.Time) (Grades, error) {
	return Grades{Source: SourceEmbedded, AsOf: asOf, Grades: e.Risk.Distribution(asOf)}, nil
}

// TopRisks are the limit riskiest enterprises as of asOf.
func (e Embedded) TopRisks(_ context.Context, asOf time.Time, limit int) (TopRisks, error) {
	out := TopRisks{Source: SourceEmbedded, AsOf: asOf, Enterprises: []TopRisk{}}
	for _, g := range e.Risk.Top(asOf, limit) {
		out.Enterprises = append(out.Enterprises, TopRiskOf(g))
	}
	return out, nil
}

// TopRiskOf is a grade as the top-risks dashboard lists it.
func TopRiskOf(g risk.Grade) TopRisk {
	return TopRisk{USCC: g.USCC, Name: g.Name, Grade: g.Grade, Blacklisted: g.Blacklisted, Score: g.Score, Factors: g.Factors}
}

// RiskTrend is the risk events by month.
func (e Embedded) RiskTrend(_ context.Context, asOf time.Time) (RiskTrend, error) {
	return RiskTrend{Source: SourceEmbedded, AsOf: asOf, Months: e.Model.Trend()}, nil
}

// Rates are the complaint and inspection-failure rates grouped by by.
func (e Embedded) Rates(_ context.Context, asOf time.Time, by RateKey) (Rates, error) {
	return Rates{Source: SourceEmbedded, AsOf: asOf, By: string(by), Groups: e.Model.Rates(by)}, nil
}

// Recalls are the recall counts as of asOf.
func (e Embedded) Recalls(_ context.Context, asOf time.Time) (Recalls, error) {
	levels, months, overdue := e.Model.Recalls(asOf)
	return Recalls{Source: SourceEmbedded, AsOf: asOf, Levels: levels, Months: months, Overdue: overdue}, nil
}
