package analytics

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/query"
	answers "github.com/traceledger/traceledger/projections/analytics"
)

// trendSQL counts risk events by calendar month of occurred_at (a
// DateTime('UTC') column, so the month is UTC's whatever the server's time
// zone), as projections/analytics counts them.
// By operator (trendByOperatorSQL), the same counts are per month and
// operator (the events' enterprise column), for a filtered trend.
const trendSQL = `SELECT formatDateTime(occurred_at, '%Y-%m') AS month,
	` + trendCountsSQL + `
GROUP BY month ORDER BY month`

const trendByOperatorSQL = `SELECT formatDateTime(occurred_at, '%Y-%m') AS month, enterprise,
	` + trendCountsSQL + `
GROUP BY month, enterprise ORDER BY month`

const trendCountsSQL = `countIf(type = 'complaint.filed.v1') AS complaints_filed,
	countIf(type = 'complaint.resolved.v1' AND result = 'substantiated') AS complaints_substantiated,
	countIf(type = 'batch.inspected.v1') AS market_inspections,
	countIf(type = 'batch.inspected.v1' AND result = 'fail') AS market_inspections_failed,
	countIf(type = 'customs.inspected.v1' AND result = 'fail') AS customs_inspections_failed,
	countIf(type = 'customs.rejected.v1') AS customs_rejections,
	countIf(type = 'recall.started.v1') AS recalls_started,
	countIf(type = 'enterprise.penalty_imposed.v1') AS penalties,
	sumIf(amount_cny, type = 'enterprise.penalty_imposed.v1') AS penalty_amount_cny
FROM {db}.events
WHERE type IN ('complaint.filed.v1', 'complaint.resolved.v1', 'batch.inspected.v1', 'customs.inspected.v1',
	'customs.rejected.v1', 'recall.started.v1', 'enterprise.penalty_imposed.v1')`

// RiskTrend is the risk events by month, gap-free, of the operators f
// keeps.
func (s *Source) RiskTrend(ctx context.Context, asOf time.Time, f query.DashboardFilter) (query.RiskTrend, error) {
	set, err := s.Enterprises(ctx, f)
	if err != nil {
		return query.RiskTrend{}, err
	}
	q := trendSQL
	if set != nil {
		q = trendByOperatorSQL
	}
	rows, err := s.conn.Query(ctx, q)
	if err != nil {
		return query.RiskTrend{}, fmt.Errorf("clickhouse risk trend: %w", err)
	}
	defer rows.Close()
	sums := map[string]*query.TrendMonth{}
	var ms []query.TrendMonth
	for rows.Next() {
		var m query.TrendMonth
		var uscc string
		var filed, subst, insp, failed, cfailed, rejected, recalls, penalties uint64
		dest := []any{&m.Month, &filed, &subst, &insp, &failed, &cfailed, &rejected, &recalls, &penalties, &m.PenaltyAmountCNY}
		if set != nil {
			dest = append([]any{&m.Month, &uscc}, dest[1:]...)
		}
		if err := rows.Scan(dest...); err != nil {
			return query.RiskTrend{}, fmt.Errorf("clickhouse risk trend: %w", err)
		}
		m.ComplaintsFiled, m.ComplaintsSubstantiated, m.MarketInspections, m.MarketInspectionsFailed = int64(filed), int64(subst), int64(insp), int64(failed)
		m.CustomsInspectionsFailed, m.CustomsRejections, m.RecallsStarted, m.Penalties = int64(cfailed), int64(rejected), int64(recalls), int64(penalties)
		if set == nil {
			ms = append(ms, m)
			continue
		}
		if uscc == "" || !set.Has(uscc) {
			continue
		}
		if sums[m.Month] == nil {
			sums[m.Month] = &query.TrendMonth{Month: m.Month}
		}
		answers.AddMonth(sums[m.Month], m)
	}
	if err := rows.Err(); err != nil {
		return query.RiskTrend{}, fmt.Errorf("clickhouse risk trend: %w", err)
	}
	for _, m := range sums {
		ms = append(ms, *m)
	}
	return query.RiskTrend{Source: query.SourceClickHouse, AsOf: asOf, Months: answers.FillMonths(ms)}, nil
}

// ratesSQL counts, per product category or origin country (the columns the
// sink fills from the product's registration) and, with byOperator, per
// operator (the enterprise column), registered products, units sold,
// complaints filed, resolutions of known complaints (substantiated or not)
// and market inspections (failed or not), over the events for which where
// holds ("1": all).
func ratesSQL(key, where string, byOperator bool) string {
	cols, group := key+` AS key`, `key`
	if byOperator {
		cols, group = key+` AS key, enterprise`, `key, enterprise`
	}
	return `SELECT ` + cols + `,
	countIf(type = 'product.registered.v1') AS products,
	sumIf(quantity, type = 'goods.sold.v1') AS units_sold,
	countIf(type = 'complaint.filed.v1') AS complaints,
	countIf(type = 'complaint.resolved.v1') AS complaints_resolved,
	countIf(type = 'complaint.resolved.v1' AND result = 'substantiated') AS complaints_substantiated,
	countIf(type = 'batch.inspected.v1') AS inspections,
	countIf(type = 'batch.inspected.v1' AND result = 'fail') AS inspections_failed
FROM {db}.events
WHERE (` + where + `) AND (type IN ('product.registered.v1', 'goods.sold.v1', 'complaint.filed.v1', 'batch.inspected.v1')
	OR (type = 'complaint.resolved.v1' AND ref IN (SELECT ref FROM {db}.events WHERE type = 'complaint.filed.v1')))
GROUP BY ` + group + ` ORDER BY key`
}

// Rates are the complaint and inspection-failure rates by category or
// origin country: f's category and origin keep the products registered
// with them (a condition on the rows' columns), its region the events of
// the operators registered there (grouped by operator too, and kept in Go:
// the region's operators may be more than an IN list should carry).
func (s *Source) Rates(ctx context.Context, asOf time.Time, by query.RateKey, f query.DashboardFilter) (query.Rates, error) {
	col := map[query.RateKey]string{query.ByCategory: "category", query.ByOriginCountry: "origin_country"}[by]
	if col == "" {
		return query.Rates{}, fmt.Errorf("rates by %q: not a key", by)
	}
	where := "1"
	if f.Category != "" {
		where += " AND category = " + quote(f.Category)
	}
	if f.Origin != "" {
		where += " AND origin_country = " + quote(f.Origin)
	}
	var set query.EnterpriseSet
	if f.Region != "" {
		var err error
		if set, err = s.Enterprises(ctx, query.DashboardFilter{Region: f.Region}); err != nil {
			return query.Rates{}, err
		}
	}
	rows, err := s.conn.Query(ctx, ratesSQL(col, where, set != nil))
	if err != nil {
		return query.Rates{}, fmt.Errorf("clickhouse rates: %w", err)
	}
	defer rows.Close()
	type sums struct{ products, sold, complaints, resolved, subst, insp, failed int64 }
	groups := map[string]*sums{}
	for rows.Next() {
		var key, uscc string
		var products, complaints, resolved, subst, insp, failed uint64
		var sold int64
		dest := []any{&key, &products, &sold, &complaints, &resolved, &subst, &insp, &failed}
		if set != nil {
			dest = append([]any{&key, &uscc}, dest[1:]...)
		}
		if err := rows.Scan(dest...); err != nil {
			return query.Rates{}, fmt.Errorf("clickhouse rates: %w", err)
		}
		if set != nil && !set.Has(uscc) {
			continue
		}
		g := groups[key]
		if g == nil {
			g = &sums{}
			groups[key] = g
		}
		g.products += int64(products)
		g.sold += sold
		g.complaints += int64(complaints)
		g.resolved += int64(resolved)
		g.subst += int64(subst)
		g.insp += int64(insp)
		g.failed += int64(failed)
	}
	if err := rows.Err(); err != nil {
		return query.Rates{}, fmt.Errorf("clickhouse rates: %w", err)
	}
	out := query.Rates{Source: query.SourceClickHouse, AsOf: asOf, By: string(by), Groups: []query.RateGroup{}}
	for k, g := range groups {
		out.Groups = append(out.Groups, answers.NewRateGroup(k, g.products, g.sold, g.complaints, g.resolved, g.subst, g.insp, g.failed))
	}
	answers.SortRateGroups(out.Groups)
	return out, nil
}

// Recalls are the recall counts as of asOf, from each recall's latest
// row, of the recalls f keeps.
func (s *Source) Recalls(ctx context.Context, asOf time.Time, f query.DashboardFilter) (query.RecallDashboard, error) {
	set, err := s.Enterprises(ctx, f)
	if err != nil {
		return query.RecallDashboard{}, err
	}
	rows, err := s.conn.Query(ctx, `SELECT recall_id, level, initiator, started_at, complete_by_ns, has_deadline, closed
FROM (`+recallStateSQL+`)`)
	if err != nil {
		return query.RecallDashboard{}, fmt.Errorf("clickhouse recalls: %w", err)
	}
	defer rows.Close()
	var items []answers.RecallItem
	for rows.Next() {
		var r answers.RecallItem
		var level int32
		var deadline int64
		var hasDeadline, closed uint8
		if err := rows.Scan(&r.ID, &level, &r.Initiator, &r.StartedAt, &deadline, &hasDeadline, &closed); err != nil {
			return query.RecallDashboard{}, fmt.Errorf("clickhouse recalls: %w", err)
		}
		r.Level, r.HasDeadline, r.Closed = int(level), hasDeadline == 1, closed == 1
		if r.HasDeadline {
			r.CompleteBy = time.Unix(0, deadline).UTC()
		}
		items = append(items, r)
	}
	if err := rows.Err(); err != nil {
		return query.RecallDashboard{}, fmt.Errorf("clickhouse recalls: %w", err)
	}
	levels, months, overdue := answers.TallyRecalls(answers.KeepRecalls(items, set, f), asOf)
	return query.RecallDashboard{Source: query.SourceClickHouse, AsOf: asOf, Levels: levels, Months: months, Overdue: overdue}, nil
}
