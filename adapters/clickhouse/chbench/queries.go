package chbench

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse"
)

// Query is a dashboard-style query over the events table or its views.
type Query struct {
	Name, SQL string
}

// Queries are what the analytics dashboards and API ask: the grade's
// per-enterprise features, risk by month, rates by category and origin,
// recalls by level, one enterprise's history, and the daily views.
var Queries = []Query{
	{"enterprise_features", `SELECT enterprise,
	sumIf(quantity, type = 'goods.sold.v1') AS units_sold,
	countIf(type = 'complaint.resolved.v1' AND result = 'substantiated') AS substantiated,
	countIf(type = 'batch.inspected.v1') AS inspections,
	countIf(type = 'batch.inspected.v1' AND result = 'fail') AS failed,
	countIf(type = 'customs.inspected.v1' AND result = 'fail') AS customs_failed,
	countIf(type = 'customs.rejected.v1') AS rejections,
	countIf(type = 'enterprise.penalty_imposed.v1') AS penalties,
	sumIf(amount_cny, type = 'enterprise.penalty_imposed.v1') AS penalty_amount
FROM {db}.events GROUP BY enterprise ORDER BY failed DESC, enterprise LIMIT 20`},
	{"risk_trend_by_month", `SELECT toStartOfMonth(occurred_at) AS month,
	countIf(type = 'batch.inspected.v1' AND result = 'fail') / greatest(countIf(type = 'batch.inspected.v1'), 1) AS inspection_failure_rate,
	1000 * countIf(type = 'complaint.resolved.v1' AND result = 'substantiated') / greatest(sumIf(quantity, type = 'goods.sold.v1'), 1) AS complaints_per_1000
FROM {db}.events WHERE type IN ('batch.inspected.v1', 'complaint.resolved.v1', 'goods.sold.v1')
GROUP BY month ORDER BY month`},
	{"rates_by_category_origin", `SELECT category, origin_country,
	countIf(type = 'complaint.filed.v1') AS complaints,
	sumIf(quantity, type = 'goods.sold.v1') AS units_sold,
	countIf(type = 'batch.inspected.v1' AND result = 'fail') / greatest(countIf(type = 'batch.inspected.v1'), 1) AS inspection_failure_rate
FROM {db}.events WHERE type IN ('complaint.filed.v1', 'goods.sold.v1', 'batch.inspected.v1')
GROUP BY category, origin_country ORDER BY category, origin_country`},
	{"recalls_by_level_month", `SELECT toStartOfMonth(occurred_at) AS month, level, count() AS recalls
FROM {db}.events WHERE type = 'recall.started.v1' GROUP BY month, level ORDER BY month, level`},
	{"enterprise_history", `SELECT position, type, occurred_at, gtin, lot, quantity, result
FROM {db}.events WHERE enterprise = '91310000MA10000042' ORDER BY occurred_at DESC LIMIT 100`},
	{"enterprise_daily_top", `SELECT enterprise, sum(units_sold) AS units, sum(complaints_substantiated) AS substantiated,
	sum(inspection_failures) AS failures
FROM {db}.enterprise_daily WHERE day >= toDate('2024-01-01') GROUP BY enterprise ORDER BY failures DESC, enterprise LIMIT 20`},
	{"category_daily_by_month", `SELECT toStartOfMonth(day) AS month, category, sum(complaints) AS complaints, sum(units_sold) AS units
FROM {db}.category_daily GROUP BY month, category ORDER BY month, category`},
}

// Latency is a query's median over its timed runs.
type Latency struct {
	Name string
	P50  time.Duration
}

// MeasureQueries runs each query once to warm up, then runs times, and
// answers each query's median and the median of all the timed runs.
func MeasureQueries(ctx context.Context, c *clickhouse.Conn, runs int) ([]Latency, time.Duration, error) {
	var out []Latency
	var all []time.Duration
	for _, q := range Queries {
		var ds []time.Duration
		for i := -1; i < runs; i++ {
			began := time.Now()
			if err := drain(ctx, c, q.SQL); err != nil {
				return nil, 0, fmt.Errorf("query %s: %w", q.Name, err)
			}
			if i >= 0 {
				ds = append(ds, time.Since(began))
			}
		}
		out = append(out, Latency{Name: q.Name, P50: median(ds)})
		all = append(all, ds...)
	}
	return out, median(all), nil
}

// drain runs a query and reads every row, as a dashboard would.
func drain(ctx context.Context, c *clickhouse.Conn, sql string) error {
	rows, err := c.Query(ctx, sql)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
