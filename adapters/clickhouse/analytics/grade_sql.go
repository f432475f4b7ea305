package analytics

import (
	"fmt"
	"strings"

	"github.com/traceledger/traceledger/projections/risk"
)

// featureNames are the columns of the pivoted features, named as
// query.GradeFeatures' JSON tags, in that order.
var featureNames = []string{"units_sold", "complaints_resolved", "complaints_substantiated", "market_inspections",
	"market_inspections_failed", "declarations", "customs_inspections_failed", "customs_rejections",
	"recalls_level_1", "recalls_level_2", "recalls_level_3", "recall_deadlines_missed", "penalties",
	"penalty_amount_cny", "certificates_rejected", "certificates_revoked", "certificates_expired_in_use",
	"uncertified_sales", "expired_sales"}

// featureRowsSQL is every (uscc, f, n) row of the features as of now: f
// of enterprise uscc grows by n. A row with f = 'known' (n = 0) only makes
// the enterprise known, as the embedded fold does when an event names it.
// Rows of an empty uscc are dropped by the caller (the fold ignores them).
func featureRowsSQL(c risk.Config, nowNs, today string) string {
	branches := []string{
		eventFeaturesSQL,
		// A recall counts once for each owner of its batches and its initiator.
		`SELECT uscc, concat('recalls_level_', toString(level)), toInt64(1) FROM (` + recallStateSQL + `)
	ARRAY JOIN arrayDistinct(arrayFilter(x -> x != '', arrayConcat(owners, [initiator]))) AS uscc`,
		`SELECT DISTINCT holder, 'known', toInt64(0) FROM {db}.recall_holders`,
		// A certificate decision's enterprise and counterparty are the
		// product's owner and latest notifier before it; once each.
		`SELECT uscc, if(type = 'certificate.rejected.v1', 'certificates_rejected', 'certificates_revoked'), toInt64(1)
	FROM {db}.events ARRAY JOIN arrayDistinct([enterprise, counterparty]) AS uscc
	WHERE type IN ('certificate.rejected.v1', 'certificate.revoked.v1')`,
		`SELECT uscc, 'recall_deadlines_missed', toInt64(uniqExact(recall_id)) FROM (` + missedSQL(nowNs) + `) GROUP BY uscc`,
		`SELECT uscc, 'certificates_expired_in_use', toInt64(1) FROM (` + expiredInUseSQL(today) + `)
	ARRAY JOIN arrayDistinct([owner, notifier]) AS uscc`,
		`SELECT uscc, 'uncertified_sales', toInt64(count()) FROM (` + uncertifiedSalesSQL + `) GROUP BY uscc`,
		`SELECT uscc, 'expired_sales', toInt64(count()) FROM (` + expiredSalesSQL + `) GROUP BY uscc`,
		`SELECT uscc, 'serious', toInt64(1) FROM (` + violationsSQL(c, nowNs) + `)`,
	}
	return strings.Join(branches, "\nUNION ALL\n")
}

// eventFeaturesSQL is the pure aggregates: one branch per event type,
// summed per enterprise over that type's rows only (type leads the events
// table's key, so each branch reads its own range) and unfolded into
// (uscc, f, n) rows. A row per event through the UNION, or one pass over
// all the types with a countIf per feature, cost several times the scans
// on ten million events. A customs event's enterprise is its declaration's
// importer as declared earlier in the log (” when it was not, and then the
// event counts for no one).
var eventFeaturesSQL = strings.Join([]string{
	`SELECT DISTINCT enterprise AS uscc, 'known' AS f, toInt64(0) AS n FROM {db}.events
	WHERE type IN ('enterprise.registered.v1', 'product.registered.v1', 'certificate.notified.v1')`,
	perEnterprise("goods.sold.v1", "units_sold", "sum(quantity)"),
	perEnterprise("complaint.resolved.v1", "complaints_resolved", "count()", "complaints_substantiated", "countIf(result = 'substantiated')"),
	perEnterprise("batch.inspected.v1", "market_inspections", "count()", "market_inspections_failed", "countIf(result = 'fail')"),
	perEnterprise("customs.declared.v1", "declarations", "count()"),
	perEnterprise("customs.inspected.v1", "customs_inspections_failed", "countIf(result = 'fail')"),
	perEnterprise("customs.rejected.v1", "customs_rejections", "count()"),
	perEnterprise("enterprise.penalty_imposed.v1", "penalties", "count()", "penalty_amount_cny", "sum(amount_cny)"),
}, "\nUNION ALL\n")

// perEnterprise sums features (name, aggregate pairs) of one event type
// per enterprise into (uscc, f, n) rows.
func perEnterprise(typ string, features ...string) string {
	var names, values []string
	for i := 0; i+1 < len(features); i += 2 {
		names = append(names, quote(features[i]))
		values = append(values, "toInt64("+features[i+1]+")")
	}
	return fmt.Sprintf(`SELECT uscc, f, n FROM (SELECT enterprise AS uscc, [%s] AS ns FROM {db}.events WHERE type = '%s' GROUP BY enterprise)
	ARRAY JOIN [%s] AS f, ns AS n`, strings.Join(values, ", "), typ, strings.Join(names, ", "))
}

// missedSQL is every (uscc, recall_id) whose completion deadline uscc
// missed as of nowNs (an SQL Int64 of Unix nanoseconds): an affected holder that accounted for its units
// after the deadline (or not yet; a closed recall's closing time stands in
// for a holder that never accounted), or the initiator of a recall still
// open or closed late.
func missedSQL(nowNs string) string {
	return fmt.Sprintf(`SELECT holder AS uscc, recall_id FROM (
	SELECT recall_id, holder, argMax(accounted, position) AS accounted, argMax(accounted_at_ns, position) AS accounted_at_ns
	FROM {db}.recall_holders GROUP BY recall_id, holder)
ALL INNER JOIN (%[1]s) USING recall_id
WHERE has_deadline = 1 AND %[2]s > complete_by_ns
	AND NOT (accounted = 1 AND accounted_at_ns <= complete_by_ns)
	AND NOT (accounted = 0 AND closed = 1 AND closed_at_ns <= complete_by_ns)
UNION ALL
SELECT initiator, recall_id FROM (%[1]s)
WHERE initiator != '' AND has_deadline = 1 AND %[2]s > complete_by_ns AND (closed = 0 OR closed_at_ns > complete_by_ns)`,
		recallStateSQL, nowNs)
}

// expiredInUseSQL lists the products whose certificate is issued, expired
// before today (an SQL string 'YYYY-MM-DD') (valid_to compared as a YYYY-MM-DD string) and whose units
// are still in stock or in transit, with their current owner and notifier.
func expiredInUseSQL(today string) string {
	return fmt.Sprintf(`SELECT owner, notifier FROM (
	SELECT gtin, argMax(owner, position) AS owner, argMax(notifier, position) AS notifier, argMax(status, position) AS status,
		argMax(valid_to, position) AS valid_to, argMax(outstanding, position) AS outstanding
	FROM {db}.product_outstanding GROUP BY gtin)
WHERE status = 'issued' AND valid_to != '' AND %s > valid_to AND outstanding > 0`, today)
}
