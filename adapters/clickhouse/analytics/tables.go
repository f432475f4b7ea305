// Package analytics is risk analytics in ClickHouse: the derived tables the
// sink fills beside the events table (facts only a fold over the log in
// order establishes: which holders of a recall still hold units, which
// products are in stock), the credit grade as SQL equal to projections/risk,
// and the dashboards' queries behind /api/v1/analytics/*. docs/analytics.md
// ("Grading in ClickHouse") explains how the SQL mirrors docs/grading.md.
package analytics

import "github.com/traceledger/traceledger/adapters/clickhouse"

// Tables are the derived tables the grade and the analytics queries read,
// for clickhouse.NewSink beside the events table. Each call returns new
// tables with empty folds.
func Tables() []clickhouse.Table {
	return []clickhouse.Table{NewRecallsTable(), NewRecallHoldersTable(), NewProductOutstandingTable()}
}

var (
	_ clickhouse.Table = (*RecallsTable)(nil)
	_ clickhouse.Table = (*RecallHoldersTable)(nil)
	_ clickhouse.Table = (*ProductOutstandingTable)(nil)
)
