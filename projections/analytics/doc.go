// Package analytics answers the analysts' dashboards (/api/v1/analytics/*)
// from the embedded read models: a projection of the aggregates the credit
// grade does not keep (risk events by month, complaint and inspection
// counts per product, recalls with their deadlines) and the grade itself
// from projections/risk. The answers are app/query's (GradeDistribution,
// TopRisks, RiskTrend, Rates, RecallDashboard): adapters/clickhouse/analytics
// answers the same structs from ClickHouse, so a dashboard reads the same
// JSON whichever engine is configured, with Source telling which.
package analytics
