// Package clickhouse is the analytics adapter: a sink that streams the event
// log into ClickHouse tables exactly once in effect, the schema migrations,
// and the queries analysts' dashboards and the API run there. SQL here runs on
// ClickHouse 18.16 (Debian's package) and on current releases alike: inserts
// name their columns; no DateTime64, Map, TTL, window functions, Nullable
// keys, async inserts or WITH x AS (subquery).
package clickhouse

import "github.com/traceledger/traceledger/projections/runner"

// Table is one ClickHouse table the sink fills from the log. The events
// table is one; derived tables (facts a fold over the log establishes, such
// as which holders of a recall have accounted for their units) are others.
//
// Fold must be deterministic: the sink folds the whole log again after a
// restart (state is in memory) and writes only rows for positions past what
// the table already holds, so the same log must give the same rows. Every row
// carries the log position of the event that produced it in the column named
// "position", which the sink uses as the table's checkpoint
// (SELECT max(position)). A table's rows for one batch are inserted as one
// block, which ClickHouse writes atomically.
type Table interface {
	// Name is the table's name in the sink's database.
	Name() string
	// Migrations are the table's DDL statements in order, each applied once
	// (recorded in the schema_migrations table). "{db}" stands for the
	// database name.
	Migrations() []string
	// Columns are the insert's column names, in the order of Fold's rows.
	Columns() []string
	// Fold folds env into the table's state and returns the rows it adds.
	Fold(env runner.Envelope) [][]any
	// Reset empties the state before a fold from position 1.
	Reset()
}

// FailingTable is a Table whose fold can fail (its state is in a store):
// after each Fold the sink asks Err and stops on a failure rather than
// write rows of a fold that went wrong.
type FailingTable interface {
	Table
	Err() error
}
