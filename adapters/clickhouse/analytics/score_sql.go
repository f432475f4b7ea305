package analytics

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/traceledger/traceledger/projections/risk"
)

// factorSQL is each factor's raw value over the pivoted features, as
// projections/risk's factorValues computes it in float64 (the same
// operations in the same order, so the same IEEE-754 results).
func factorSQL(name string, c risk.Config) (string, error) {
	f := func(col string) string { return "toFloat64(" + col + ")" }
	switch name {
	case "complaints_per_1000_units":
		return fmt.Sprintf("1000. * %s / greatest(%s, %s)", f("complaints_substantiated"), f("units_sold"), floatSQL(c.Floors.UnitsSold.Value)), nil
	case "market_inspection_failure_rate":
		return fmt.Sprintf("%s / greatest(%s, %s)", f("market_inspections_failed"), f("market_inspections"), floatSQL(c.Floors.MarketInspections.Value)), nil
	case "customs_inspection_failures":
		return f("customs_inspections_failed"), nil
	case "customs_rejections", "recalls_level_1", "recalls_level_2", "recalls_level_3", "recall_deadlines_missed",
		"penalties", "penalty_amount_cny", "uncertified_sales", "expired_sales":
		return f(name), nil
	case "certificate_lapses":
		return f("certificates_rejected + certificates_revoked + certificates_expired_in_use"), nil
	}
	return "", fmt.Errorf("grading factor %q has no SQL", name)
}

// round2SQL and round4SQL are docs/grading.md's roundings, floor(x×100 +
// 0.5)/100 and floor(x×10⁴ + 0.5)/10⁴: round(x, 2) would round halves to
// even.
func round2SQL(x string) string { return "floor((" + x + ") * 100. + 0.5) / 100." }
func round4SQL(x string) string { return "floor((" + x + ") * 10000. + 0.5) / 10000." }

// GradeSQL is the credit grade of every known enterprise as of now in one
// statement, with c's weights, saturations, floors, thresholds and serious
// rules written into it as literals: grading.json stays the one source.
// Columns: uscc, the features (featureNames), serious (the count of serious
// violations), then per factor in c's order v_<name>, n_<name> (both
// rounded to 4 decimals for display), c_<name> (the contribution), and
// score and grade. "{db}" stands for the database.
func GradeSQL(c risk.Config, now time.Time) (string, error) {
	ns, today := asOfLiterals(now)
	return gradeSQL(c, strconv.FormatInt(ns, 10), quote(today))
}

// DashboardGradeSQL is GradeSQL for Grafana: as of the end of the
// dashboard's time range ($__toTime, whole seconds), over the tables of the
// data source's default database (names unqualified).
func DashboardGradeSQL(c risk.Config) (string, error) {
	q, err := gradeSQL(c, "(toInt64(toUInt32($__toTime)) * 1000000000)", "formatDateTime($__toTime, '%Y-%m-%d', 'UTC')")
	return strings.ReplaceAll(q, "{db}.", ""), err
}

// gradeSQL is the grade as of the as-of time given as SQL: nowNs an Int64
// of Unix nanoseconds, today a 'YYYY-MM-DD' string.
func gradeSQL(c risk.Config, nowNs, today string) (string, error) {
	var pivot []string
	for _, f := range append(append([]string{}, featureNames...), "serious") {
		pivot = append(pivot, fmt.Sprintf("sumIf(n, f = '%s') AS %s", f, f))
	}
	// One SELECT over the features' rows: ClickHouse 18.16 analyses a
	// subquery again for every query level above it, so each extra level
	// of nesting doubled the planning time of the feature rows (five levels
	// took ~0.5 s on any data); aliases within one SELECT cost nothing alike.
	// The raw and normalised values are written out where they are used
	// (ClickHouse computes an expression that occurs twice once), so that
	// the columns are exactly the answer's.
	var outs []string
	sum := "0."
	for _, spec := range c.Factors {
		raw, err := factorSQL(spec.Name, c)
		if err != nil {
			return "", err
		}
		norm := fmt.Sprintf("least(greatest(%s, 0.) / %s, 1.)", raw, floatSQL(spec.Saturation))
		outs = append(outs,
			fmt.Sprintf("%s AS v_%s", round4SQL(raw), spec.Name),
			fmt.Sprintf("%s AS n_%s", round4SQL(norm), spec.Name),
			fmt.Sprintf("%s AS c_%s", round2SQL(floatSQL(spec.Weight)+" * "+norm), spec.Name))
		// Summed left to right from 0, as the embedded grade sums.
		sum = "(" + sum + " + c_" + spec.Name + ")"
	}
	grade := "4"
	for i := len(c.Thresholds) - 1; i >= 0; i-- {
		t := c.Thresholds[i]
		grade = fmt.Sprintf("if(score <= %s, %d, %s)", floatSQL(t.MaxScore), t.Grade, grade)
	}
	return fmt.Sprintf(`SELECT uscc, %s,
	%s,
	%s AS score,
	toUInt8(if(serious > 0, 4, %s)) AS grade
FROM (
%s
)
WHERE uscc != ''
GROUP BY uscc`, strings.Join(pivot, ", "), strings.Join(outs, ",\n\t"),
		round2SQL(sum), grade, featureRowsSQL(c, nowNs, today)), nil
}
