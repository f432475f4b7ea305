package query

import (
	"context"
	"time"
)

// Analytics answers the overseers' dashboards. Two engines implement it
// with the same answers: analytics.Embedded from the embedded read models,
// and adapters/clickhouse/analytics from ClickHouse; each answer's Source
// says which. Errors are the engine's failures (a ClickHouse outage).
//
// Grades, TopRisks, RiskTrend and Recalls take the dashboard's filter
// (DashboardFilter says what it keeps); Enterprises is the set it keeps.
type Analytics interface {
	Scoper
	Grades(ctx context.Context, asOf time.Time, f DashboardFilter) (GradeDistribution, error)
	TopRisks(ctx context.Context, asOf time.Time, limit int, f DashboardFilter) (TopRisks, error)
	RiskTrend(ctx context.Context, asOf time.Time, f DashboardFilter) (RiskTrend, error)
	Rates(ctx context.Context, asOf time.Time, by RateKey, f DashboardFilter) (Rates, error)
	Recalls(ctx context.Context, asOf time.Time, f DashboardFilter) (RecallDashboard, error)
	// RankedRates are the rates by region or operator over period, worst
	// first, one page.
	RankedRates(ctx context.Context, asOf time.Time, by RateKey, period RatePeriod, page RatePage) (Rates, error)
}

// Dashboards answers the dashboards from an engine once its progress (the
// runner's for the embedded engine, the sink's for ClickHouse) has reached
// the client's position. Only overseers read them (access.Overseers).
type Dashboards struct {
	consistency
	engine Analytics
}

// NewDashboards answers from engine once progress has reached the client's
// position.
func NewDashboards(engine Analytics, progress Progress) *Dashboards {
	return &Dashboards{consistency: consistency{progress}, engine: engine}
}

// Grades is the grade distribution as of asOf of the enterprises f keeps
// (its period does not apply: a grade is as of asOf).
func (q *Dashboards) Grades(ctx context.Context, rd Read, asOf time.Time, f DashboardFilter) (GradeDistribution, error) {
	ctx = withFloor(ctx, rd.MinPosition)
	if err := q.await(ctx, rd); err != nil {
		return GradeDistribution{}, err
	}
	return q.engine.Grades(ctx, asOf, f.Normalized())
}

// TopRisks is the limit riskiest enterprises as of asOf among those f
// keeps.
func (q *Dashboards) TopRisks(ctx context.Context, rd Read, asOf time.Time, limit int, f DashboardFilter) (TopRisks, error) {
	ctx = withFloor(ctx, rd.MinPosition)
	if err := q.await(ctx, rd); err != nil {
		return TopRisks{}, err
	}
	return q.engine.TopRisks(ctx, asOf, limit, f.Normalized())
}

// RiskTrend is the risk events by month up to asOf of the operators f
// keeps; a period keeps the months its first to its last day are in.
func (q *Dashboards) RiskTrend(ctx context.Context, rd Read, asOf time.Time, f DashboardFilter) (RiskTrend, error) {
	ctx = withFloor(ctx, rd.MinPosition)
	if err := q.await(ctx, rd); err != nil {
		return RiskTrend{}, err
	}
	out, err := q.engine.RiskTrend(ctx, asOf, f.Normalized())
	if err != nil || f.Period.IsZero() {
		return out, err
	}
	// The months of the period's first and last days.
	first, last := f.Period.FirstDay(), f.Period.LastDay()
	if first != "" {
		first = first[:7]
	}
	if last != "" {
		last = last[:7]
	}
	kept := []TrendMonth{}
	for _, m := range out.Months {
		if (first == "" || m.Month >= first) && (last == "" || m.Month <= last) {
			kept = append(kept, m)
		}
	}
	out.Months = kept
	return out, nil
}

// Rates is the inspection and complaint rates by category or origin
// country as of asOf: f's category and origin keep the products
// registered with them, its region the events of the operators registered
// there (its period does not apply: the rates cover the whole log).
func (q *Dashboards) Rates(ctx context.Context, rd Read, asOf time.Time, by RateKey, f DashboardFilter) (Rates, error) {
	ctx = withFloor(ctx, rd.MinPosition)
	if err := q.await(ctx, rd); err != nil {
		return Rates{}, err
	}
	return q.engine.Rates(ctx, asOf, by, f.Normalized())
}

// Recalls is the recall dashboard as of asOf: the recalls started in f's
// period by the initiators f keeps.
func (q *Dashboards) Recalls(ctx context.Context, rd Read, asOf time.Time, f DashboardFilter) (RecallDashboard, error) {
	ctx = withFloor(ctx, rd.MinPosition)
	if err := q.await(ctx, rd); err != nil {
		return RecallDashboard{}, err
	}
	return q.engine.Recalls(ctx, asOf, f.Normalized())
}
