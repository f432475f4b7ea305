package analytics

import (
	"strings"

	"github.com/traceledger/traceledger/projections/risk"
)

// The package's SQL with unqualified table names, for the Grafana
// dashboards the tests build: the data source's default database holds the
// tables.

// ViolationsSQL lists the serious violations.
func ViolationsSQL(c risk.Config) string {
	return unqualified(violationsSQL(c, "(toInt64(toUInt32($__toTime)) * 1000000000)"))
}

// RecallStateSQL is each recall's latest state.
var RecallStateSQL = unqualified(recallStateSQL)

// RatesSQL counts the rates by key (a column) over the events where holds.
func RatesSQL(key, where string) string { return unqualified(ratesSQL(key, where, false)) }

func unqualified(q string) string { return strings.ReplaceAll(q, "{db}.", "") }

// FeatureRowsSQL is the features' rows as of nowNs (for timing tests).
func FeatureRowsSQL(c risk.Config, nowNs, today string) string {
	return featureRowsSQL(c, nowNs, today)
}

// GradeSQLAt is the grade as of an as-of time given as SQL.
func GradeSQLAt(c risk.Config, nowNs, today string) (string, error) { return gradeSQL(c, nowNs, today) }
