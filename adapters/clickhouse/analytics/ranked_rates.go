package analytics

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/query"
	answers "github.com/traceledger/traceledger/projections/analytics"
)

// operatorSQL counts, per operator (the events' enterprise column), what
// projections/analytics counts per operator and day: products registered,
// units sold, complaints filed, resolutions of known complaints
// (substantiated or not), market inspections (failed or not), recalls
// started and withdrawals, over occurred_at in [? , ?) (Unix seconds).
const operatorSQL = `SELECT enterprise,
	countIf(type = 'product.registered.v1') AS products,
	sumIf(quantity, type = 'goods.sold.v1') AS units_sold,
	countIf(type = 'complaint.filed.v1') AS complaints,
	countIf(type = 'complaint.resolved.v1') AS complaints_resolved,
	countIf(type = 'complaint.resolved.v1' AND result = 'substantiated') AS complaints_substantiated,
	countIf(type = 'batch.inspected.v1') AS inspections,
	countIf(type = 'batch.inspected.v1' AND result = 'fail') AS inspections_failed,
	countIf(type = 'recall.started.v1') AS recalls,
	countIf(type = 'batch.withdrawn.v1') AS withdrawals
FROM {db}.events
WHERE occurred_at >= toDateTime(?) AND occurred_at < toDateTime(?)
	AND (type IN ('product.registered.v1', 'goods.sold.v1', 'complaint.filed.v1', 'batch.inspected.v1',
		'recall.started.v1', 'batch.withdrawn.v1')
	OR (type = 'complaint.resolved.v1' AND ref IN (SELECT ref FROM {db}.events WHERE type = 'complaint.filed.v1')))
GROUP BY enterprise`

// registeredSQL is every enterprise's name and region as it registered
// them (enterprise.registered.v1 keeps its data, which is no person's).
const registeredSQL = `SELECT enterprise, visitParamExtractString(data, 'name'), visitParamExtractString(data, 'region')
FROM {db}.events WHERE type = 'enterprise.registered.v1'`

// RankedRates are the rates by region or operator over period, worst
// first, one page, ranked as the embedded model ranks them.
func (s *Source) RankedRates(ctx context.Context, asOf time.Time, by query.RateKey, period query.RatePeriod, page query.RatePage) (query.Rates, error) {
	names := map[string][2]string{}
	rows, err := s.conn.Query(ctx, registeredSQL)
	if err != nil {
		return query.Rates{}, fmt.Errorf("clickhouse operators: %w", err)
	}
	for rows.Next() {
		var uscc, name, region string
		if err := rows.Scan(&uscc, &name, &region); err != nil {
			rows.Close()
			return query.Rates{}, fmt.Errorf("clickhouse operators: %w", err)
		}
		names[uscc] = [2]string{name, region}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return query.Rates{}, fmt.Errorf("clickhouse operators: %w", err)
	}
	// The period's bounds are instants (China days' starts, made in Go by
	// query.DayBound), compared with DateTime columns as Unix seconds.
	from, to := int64(0), int64(1)<<32-1
	if !period.From.IsZero() {
		from = max(period.From.Unix(), 0)
	}
	if !period.To.IsZero() {
		to = max(period.To.Unix(), 0)
	}
	rows, err = s.conn.Query(ctx, operatorSQL, from, to)
	if err != nil {
		return query.Rates{}, fmt.Errorf("clickhouse rates by operator: %w", err)
	}
	defer rows.Close()
	var ops []query.OperatorCounts
	for rows.Next() {
		var o query.OperatorCounts
		var products, complaints, resolved, subst, insp, failed, recalls, withdrawals uint64
		if err := rows.Scan(&o.USCC, &products, &o.UnitsSold, &complaints, &resolved, &subst, &insp, &failed, &recalls, &withdrawals); err != nil {
			return query.Rates{}, fmt.Errorf("clickhouse rates by operator: %w", err)
		}
		o.Products, o.Complaints, o.Resolved, o.Substantiated = int64(products), int64(complaints), int64(resolved), int64(subst)
		o.Inspections, o.Failed, o.Recalls, o.Withdrawals = int64(insp), int64(failed), int64(recalls), int64(withdrawals)
		o.Name, o.Region = names[o.USCC][0], names[o.USCC][1]
		ops = append(ops, o)
	}
	if err := rows.Err(); err != nil {
		return query.Rates{}, fmt.Errorf("clickhouse rates by operator: %w", err)
	}
	if page.Category != "" || page.Origin != "" {
		set, err := s.Enterprises(ctx, query.DashboardFilter{Category: page.Category, Origin: page.Origin})
		if err != nil {
			return query.Rates{}, err
		}
		ops = answers.KeepOperators(ops, set)
	}
	groups, next := answers.RankRates(ops, by, page)
	return query.Rates{Source: query.SourceClickHouse, AsOf: asOf, By: string(by), From: period.FirstDay(),
		To: period.LastDay(), Groups: groups, Next: next}, nil
}
