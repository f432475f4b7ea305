package analytics

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/traceledger/traceledger/projections/risk"
)

// The grade's features as SQL (docs/grading.md, "Features"), over the
// events table's columns: the sink fills enterprise, counterparty, result,
// quantity, amount_cny, reason and authority from the event and from what
// the log said before it (a customs event's enterprise is the importer of
// its declaration as declared earlier, a certificate decision's enterprise
// and counterparty are the product's owner and latest notifier), which is
// exactly what the grade's fold looks up (adapters/clickhouse,
// events_describe.go). The stateful facts come from the derived tables
// (recalls, recall_holders, product_outstanding).

// recallStateSQL is each recall's latest row in the recalls table.
const recallStateSQL = `SELECT recall_id, argMax(level, position) AS level, argMax(initiator, position) AS initiator,
	argMax(owners, position) AS owners, argMax(gtins, position) AS gtins, argMax(lots, position) AS lots,
	argMax(reason, position) AS reason, argMax(started_position, position) AS started_position,
	argMax(started_at, position) AS started_at, argMax(complete_by_ns, position) AS complete_by_ns,
	argMax(has_deadline, position) AS has_deadline, argMax(closed, position) AS closed, argMax(closed_at_ns, position) AS closed_at_ns
FROM {db}.recalls GROUP BY recall_id`

// containsAnySQL is the SQL of risk's containsAny: s contains one of terms,
// ignoring case.
func containsAnySQL(s string, terms []string) string {
	var parts []string
	for _, t := range terms {
		parts = append(parts, fmt.Sprintf("position(lowerUTF8(%s), %s) > 0", s, quote(strings.ToLower(t))))
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// violationsSQL lists the serious violations (docs/grading.md): uscc,
// kind, position, occurred_at, detail; the details are worded as the
// embedded fold words them.
//
// nowNs (an SQL Int64 of Unix nanoseconds) is the as-of time of the one
// violation that depends on it: a recall still open after its deadline.
// A level-1 recall is serious only when a regulator recorded it (the
// recall.started.v1 row's actor_role is not 'enterprise').
func violationsSQL(c risk.Config, nowNs string) string {
	sc := c.Serious
	// Sales are many and recalled batches few: PREWHERE reads a sale's
	// other columns only when its batch was ever named by a recall.
	named := `SELECT gtin, lot, min(npos) AS first_pos, argMin(rid, npos) AS first_recall FROM (
		SELECT recall_id AS rid, started_position AS npos, gtin, lot FROM (` + recallStateSQL + `)
		ARRAY JOIN gtins AS gtin, lots AS lot
		UNION ALL
		SELECT ref, position, gtin, lot FROM {db}.events WHERE type = 'batch.recalled.v1')
	GROUP BY gtin, lot`
	sold := `SELECT enterprise AS uscc, 'sold_recalled_goods' AS kind, position, occurred_at,
	concat('sold ', toString(quantity), ' units of batch ', gtin, '/', lot, ' under recall ', first_recall) AS detail
FROM (SELECT position, occurred_at, enterprise, quantity, gtin, lot FROM {db}.events
	PREWHERE type = 'goods.sold.v1' AND (gtin, lot) IN (SELECT gtin, lot FROM (` + named + `)) WHERE quantity > 0)
ALL INNER JOIN (` + named + `) USING (gtin, lot)
WHERE position > first_pos`
	smuggling := `SELECT enterprise, 'smuggling_customs_rejection', position, occurred_at, concat('declaration ', ref, ' rejected: ', reason)
FROM {db}.events WHERE type = 'customs.rejected.v1' AND ` + containsAnySQL("reason", sc.SmugglingTerms.Values)
	fine := fmt.Sprintf(`SELECT enterprise, 'customs_fine_over_limit', position, occurred_at,
	concat(authority, ' fined CNY ', toString(amount_cny), ' (above %.0f): ', reason)
FROM {db}.events WHERE type = 'enterprise.penalty_imposed.v1' AND %s AND toFloat64(amount_cny) > %s`,
		sc.CustomsFineAboveCNY.Value, containsAnySQL("authority", sc.CustomsAuthorities.Values), floatSQL(sc.CustomsFineAboveCNY.Value))
	level1 := `SELECT owner, 'level_1_recall_of_own_batch', started_position, started_at,
	concat('level-1 recall ', recall_id, ' of its batches: ', reason)
FROM (` + recallStateSQL + `) ARRAY JOIN owners AS owner
WHERE level = 1 AND recall_id IN (SELECT ref FROM {db}.events WHERE type = 'recall.started.v1' AND actor_role != 'enterprise')`
	levels := []string{"-1"}
	for _, l := range sc.OverdueRecallLevels.Values {
		levels = append(levels, strconv.Itoa(l))
	}
	overdue := fmt.Sprintf(`SELECT uscc, 'overdue_recall_of_own_goods', started_position, toDateTime(intDiv(complete_by_ns, 1000000000), 'UTC'),
	concat('level-', toString(level), ' recall ', recall_id, ' not completed by its deadline: ', reason)
FROM (%s) ARRAY JOIN arrayDistinct(arrayFilter(x -> x != '', arrayConcat(owners, [initiator]))) AS uscc
WHERE level IN (%s) AND has_deadline = 1 AND %s > complete_by_ns AND closed = 0`, recallStateSQL, strings.Join(levels, ", "), nowNs)
	return `SELECT uscc, kind, position, occurred_at, detail FROM (
` + strings.Join([]string{sold, smuggling, fine, level1, overdue}, "\nUNION ALL\n") + `
) WHERE uscc != ''`
}

// quote is a ClickHouse string literal.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// floatSQL is a Float64 literal that ClickHouse parses to exactly x: the
// shortest decimal that round-trips (checked on 18.16 for a sample of
// doubles), with a decimal point so that it is not an integer type.
func floatSQL(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// asOfLiterals are the as-of time as the two time-dependent features use
// it: Unix nanoseconds for deadlines and the UTC date for certificates.
func asOfLiterals(now time.Time) (ns int64, today string) {
	return unixNano(now), now.UTC().Format("2006-01-02")
}

// unixNano is t in Unix nanoseconds, clamped to what int64 holds (years
// 1678 to 2262), so that comparing two clamped instants agrees with
// comparing the times whenever one of them lies in that range.
func unixNano(t time.Time) int64 {
	switch {
	case t.Before(time.Unix(0, -1<<63)):
		return -1 << 63
	case t.After(time.Unix(0, 1<<63-1)):
		return 1<<63 - 1
	}
	return t.UnixNano()
}

// saleFactsSQL is each sale of at least one unit: its position, seller,
// GTIN, UTC day, and whether its batch (as registered earlier in the log)
// is imported and when it expires.
const saleFactsSQL = `SELECT position, enterprise, gtin, day, argMaxIf(imp, rpos, rpos < position) AS imported,
	argMaxIf(exp, rpos, rpos < position) AS expires
FROM (SELECT position, enterprise, gtin, lot, toString(toDate(occurred_at)) AS day FROM {db}.events
	WHERE type = 'goods.sold.v1' AND quantity > 0 AND enterprise != '')
ALL LEFT JOIN (SELECT gtin, lot, position AS rpos, visitParamExtractBool(data, 'imported') AS imp,
	visitParamExtractString(data, 'expires_on') AS exp FROM {db}.events WHERE type = 'batch.registered.v1') USING (gtin, lot)
GROUP BY position, enterprise, gtin, day`

// uncertifiedSalesSQL is each sale of an imported batch whose product's
// certificate, as the latest certificate event before the sale left it,
// was not issued or not valid on the sale's day: (uscc) rows.
const uncertifiedSalesSQL = `SELECT enterprise AS uscc FROM (
	SELECT position, enterprise, day, argMaxIf(st, cpos, cpos < position) AS st, argMaxIf(vf, cpos, cpos < position) AS vf,
		argMaxIf(vt, cpos, cpos < position) AS vt
	FROM (SELECT position, enterprise, gtin, day FROM (` + saleFactsSQL + `) WHERE imported = 1)
	ALL LEFT JOIN (SELECT gtin, position AS cpos,
		multiIf(type IN ('certificate.issued.v1', 'certificate.renewed.v1'), 'issued', type = 'certificate.notified.v1', 'notified',
			type = 'certificate.rejected.v1', 'rejected', 'revoked') AS st,
		if(type IN ('certificate.issued.v1', 'certificate.renewed.v1'), visitParamExtractString(data, 'valid_from'), '') AS vf,
		if(type IN ('certificate.issued.v1', 'certificate.renewed.v1'), visitParamExtractString(data, 'valid_to'), '') AS vt
		FROM {db}.events WHERE type IN ('certificate.notified.v1', 'certificate.issued.v1', 'certificate.renewed.v1',
			'certificate.rejected.v1', 'certificate.revoked.v1'))
	USING gtin
	GROUP BY position, enterprise, day)
WHERE NOT (st = 'issued' AND (vf = '' OR vf <= day) AND (vt = '' OR day <= vt))`

// expiredSalesSQL is each sale after its batch's expiry date: (uscc) rows.
const expiredSalesSQL = `SELECT enterprise AS uscc FROM (` + saleFactsSQL + `) WHERE expires != '' AND day > expires`
