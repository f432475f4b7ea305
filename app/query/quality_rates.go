package query

import (
	"context"
	"time"
)

// The keys quality rates can also be grouped by: the operator (the
// enterprise an event concerns: the seller of units sold, the inspected
// holder, the enterprise complained against, a recall's initiator, a
// withdrawing holder, a product's owner) and that operator's region as it
// registered it (enterprise.registered.v1). Seed 004's "问题区域、问题经营者".
const (
	ByRegion   RateKey = "region"
	ByOperator RateKey = "operator"
)

// Ranked reports whether groups by k are ranked worst first and paged
// (region, operator) rather than listed whole by key.
func (k RateKey) Ranked() bool { return k == ByRegion || k == ByOperator }

// RatePeriod bounds a dashboard's answer to the events whose occurred_at
// falls in [From, To): instants made by DayBound from whole China days, so
// From is the first day's start and To the start of the day after the
// last; a zero bound is open.
type RatePeriod struct {
	From, To time.Time
}

// Contains reports whether t falls in the period.
func (p RatePeriod) Contains(t time.Time) bool {
	return (p.From.IsZero() || !t.Before(p.From)) && (p.To.IsZero() || t.Before(p.To))
}

// IsZero reports whether the period is open at both ends.
func (p RatePeriod) IsZero() bool { return p.From.IsZero() && p.To.IsZero() }

// RatePage is a ranked answer's page: the groups after the After-th in the
// ranking, at most Limit of them. A Region keeps only the operators that
// registered that region (trimmed, exactly), so that a dashboard filtered
// to one region ranks that region's operators; a Category or Origin keeps
// only the operators a DashboardFilter of them keeps (that registered or
// sold such products).
type RatePage struct {
	After            uint64
	Limit            int
	Region           string
	Category, Origin string
}

// OperatorCounts are what both engines count for a ranked rates answer:
// one operator's counts over a period, with the name and region it
// registered. Grouping by region and ranking are done once, from these, by
// projections/analytics.RankRates, so the two engines cannot answer apart.
type OperatorCounts struct {
	USCC, Name, Region                                       string
	Products, UnitsSold, Complaints, Resolved, Substantiated int64
	Inspections, Failed, Recalls, Withdrawals                int64
}

// RankedRates is the rates by region or operator over period, ranked worst
// first, one page of them.
func (q *Dashboards) RankedRates(ctx context.Context, rd Read, asOf time.Time, by RateKey, period RatePeriod, page RatePage) (Rates, error) {
	if err := q.await(ctx, rd); err != nil {
		return Rates{}, err
	}
	f := DashboardFilter{Region: page.Region, Category: page.Category, Origin: page.Origin}.Normalized()
	page.Region, page.Category, page.Origin = f.Region, f.Category, f.Origin
	return q.engine.RankedRates(ctx, asOf, by, period, page)
}

// FirstDay is the period's first China day as answered (YYYY-MM-DD), ""
// when open.
func (p RatePeriod) FirstDay() string {
	if p.From.IsZero() {
		return ""
	}
	return DayOf(p.From)
}

// LastDay is the period's last China day as answered (YYYY-MM-DD), ""
// when open.
func (p RatePeriod) LastDay() string {
	if p.To.IsZero() {
		return ""
	}
	return DayOf(p.To.Add(-time.Nanosecond))
}
