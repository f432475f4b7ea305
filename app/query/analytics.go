package query

import (
	"context"
	"time"
)

// Analytics answers the overseers' dashboards. Two engines implement it
// with the same answers: analytics.Embedded from the embedded read models,
// and adapters/clickhouse/analytics from ClickHouse; each answer's Source
// says which. Errors are the engine's failures (a ClickHouse outage).
type Analytics interface {
	Grades(ctx context.Context, asOf time.Time) (GradeDistribution, error)
	TopRisks(ctx context.Context, asOf time.Time, limit int) (TopRisks, error)
	RiskTrend(ctx context.Context, asOf time.Time) (RiskTrend, error)
	Rates(ctx context.Context, asOf time.Time, by RateKey) (Rates, error)
	Recalls(ctx context.Context, asOf time.Time) (RecallDashboard, error)
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

// Grades is the grade distribution as of asOf.
func (q *Dashboards) Grades(ctx context.Context, rd Read, asOf time.Time) (GradeDistribution, error) {
	if err := q.await(ctx, rd); err != nil {
		return GradeDistribution{}, err
	}
	return q.engine.Grades(ctx, asOf)
}

// TopRisks is the limit riskiest enterprises as of asOf.
func (q *Dashboards) TopRisks(ctx context.Context, rd Read, asOf time.Time, limit int) (TopRisks, error) {
	if err := q.await(ctx, rd); err != nil {
		return TopRisks{}, err
	}
	return q.engine.TopRisks(ctx, asOf, limit)
}

// RiskTrend is the risk events by month up to asOf.
func (q *Dashboards) RiskTrend(ctx context.Context, rd Read, asOf time.Time) (RiskTrend, error) {
	if err := q.await(ctx, rd); err != nil {
		return RiskTrend{}, err
	}
	return q.engine.RiskTrend(ctx, asOf)
}

// Rates is the inspection and complaint rates by category or origin
// country as of asOf.
func (q *Dashboards) Rates(ctx context.Context, rd Read, asOf time.Time, by RateKey) (Rates, error) {
	if err := q.await(ctx, rd); err != nil {
		return Rates{}, err
	}
	return q.engine.Rates(ctx, asOf, by)
}

// Recalls is the recall dashboard as of asOf.
func (q *Dashboards) Recalls(ctx context.Context, rd Read, asOf time.Time) (RecallDashboard, error) {
	if err := q.await(ctx, rd); err != nil {
		return RecallDashboard{}, err
	}
	return q.engine.Recalls(ctx, asOf)
}
