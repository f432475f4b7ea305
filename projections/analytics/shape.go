package analytics

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// The answers' derived numbers are computed here from counts, by both
// sources: ClickHouse returns the counts and these functions turn them into
// rates, gap-free months and recall states, so the two answers cannot
// drift apart by a formula written twice.

// Month is the calendar month (UTC) of t as YYYY-MM.
func Month(t time.Time) string { return t.UTC().Format("2006-01") }

// Round4 is floor(x×10⁴+0.5)/10⁴, the grade's display rounding.
func Round4(x float64) float64 { return math.Floor(x*10000+0.5) / 10000 }

// ratio is n/d, or 0 when d is 0.
func ratio(n, d int64) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// NewRateGroup computes a group's rates from its counts: complaints filed
// per 1,000 units sold, the substantiated share of resolved complaints, and
// the share of market inspections failed.
func NewRateGroup(key string, products, unitsSold, complaints, resolved, substantiated, inspections, failed int64) query.RateGroup {
	return query.RateGroup{Key: key, Products: products, UnitsSold: unitsSold, Complaints: complaints,
		ComplaintsResolved: resolved, ComplaintsSubstantiated: substantiated,
		ComplaintsPer1000Units: Round4(1000 * ratio(complaints, unitsSold)),
		SubstantiatedShare:     Round4(ratio(substantiated, resolved)),
		Inspections:            inspections, InspectionsFailed: failed,
		FailureRate: Round4(ratio(failed, inspections))}
}

// SortRateGroups orders groups by key.
func SortRateGroups(gs []query.RateGroup) {
	slices.SortFunc(gs, func(a, b query.RateGroup) int { return strings.Compare(a.Key, b.Key) })
}

// AddMonth adds m's counts to sum.
func AddMonth(sum *query.TrendMonth, m query.TrendMonth) {
	sum.ComplaintsFiled += m.ComplaintsFiled
	sum.ComplaintsSubstantiated += m.ComplaintsSubstantiated
	sum.MarketInspections += m.MarketInspections
	sum.MarketInspectionsFailed += m.MarketInspectionsFailed
	sum.CustomsInspectionsFailed += m.CustomsInspectionsFailed
	sum.CustomsRejections += m.CustomsRejections
	sum.RecallsStarted += m.RecallsStarted
	sum.Penalties += m.Penalties
	sum.PenaltyAmountCNY += m.PenaltyAmountCNY
}

// KeepRecalls keeps the recalls started in f's period by an initiator in
// set; both engines filter their recalls through it before TallyRecalls.
func KeepRecalls(items []RecallItem, set query.EnterpriseSet, f query.DashboardFilter) []RecallItem {
	var out []RecallItem
	for _, r := range items {
		if set.Has(r.Initiator) && f.Period.Contains(r.StartedAt) {
			out = append(out, r)
		}
	}
	return out
}

// KeepGrades keeps the grades of the enterprises in set, in order.
func KeepGrades(gs []query.Grade, set query.EnterpriseSet) []query.Grade {
	out := []query.Grade{}
	for _, g := range gs {
		if set.Has(g.USCC) {
			out = append(out, g)
		}
	}
	return out
}

// FillMonths sorts months and inserts the missing ones between the first
// and the last with zero counts, so that a chart's axis has no holes.
func FillMonths(ms []query.TrendMonth) []query.TrendMonth {
	out := []query.TrendMonth{}
	if len(ms) == 0 {
		return out
	}
	slices.SortFunc(ms, func(a, b query.TrendMonth) int { return strings.Compare(a.Month, b.Month) })
	first, err := time.Parse("2006-01", ms[0].Month)
	if err != nil {
		return ms
	}
	i := 0
	for m := first; i < len(ms); m = m.AddDate(0, 1, 0) {
		if key := Month(m); ms[i].Month == key {
			out = append(out, ms[i])
			i++
		} else {
			out = append(out, query.TrendMonth{Month: key})
		}
	}
	return out
}

// RecallItem is what both sources know of one recall; TallyRecalls counts
// them into the answer.
type RecallItem struct {
	ID          string
	Level       int
	Initiator   string
	StartedAt   time.Time
	CompleteBy  time.Time
	HasDeadline bool
	Closed      bool
}

// overdue: open, and asOf is strictly after a known deadline (the grade's
// rule for a missed recall deadline).
func (r RecallItem) overdue(asOf time.Time) bool {
	return !r.Closed && r.HasDeadline && asOf.After(r.CompleteBy)
}

// TallyRecalls counts recalls by level (1, 2 and 3 always listed) and by
// month started and level, and lists the overdue ones by deadline, then id.
// Times are answered to the second, as ClickHouse's DateTime holds them.
func TallyRecalls(items []RecallItem, asOf time.Time) (levels, months []query.RecallCounts, overdue []query.OverdueRecall) {
	byLevel := map[int]*query.RecallCounts{1: {Level: 1}, 2: {Level: 2}, 3: {Level: 3}}
	type monthLevel struct {
		month string
		level int
	}
	byMonth := map[monthLevel]*query.RecallCounts{}
	overdue = []query.OverdueRecall{}
	for _, r := range items {
		lc := byLevel[r.Level]
		if lc == nil {
			lc = &query.RecallCounts{Level: r.Level}
			byLevel[r.Level] = lc
		}
		mk := monthLevel{Month(r.StartedAt), r.Level}
		mc := byMonth[mk]
		if mc == nil {
			mc = &query.RecallCounts{Month: mk.month, Level: r.Level}
			byMonth[mk] = mc
		}
		for _, c := range []*query.RecallCounts{lc, mc} {
			c.Started++
			switch {
			case r.Closed:
				c.Closed++
			case r.overdue(asOf):
				c.Overdue++
			default:
				c.Open++
			}
		}
		if r.overdue(asOf) {
			overdue = append(overdue, query.OverdueRecall{RecallID: r.ID, Level: r.Level, Initiator: r.Initiator,
				StartedAt: r.StartedAt.UTC().Truncate(time.Second), CompleteBy: r.CompleteBy.UTC().Truncate(time.Second)})
		}
	}
	levels, months = []query.RecallCounts{}, []query.RecallCounts{}
	for _, c := range byLevel {
		levels = append(levels, *c)
	}
	slices.SortFunc(levels, func(a, b query.RecallCounts) int { return a.Level - b.Level })
	for _, c := range byMonth {
		months = append(months, *c)
	}
	slices.SortFunc(months, func(a, b query.RecallCounts) int {
		if c := strings.Compare(a.Month, b.Month); c != 0 {
			return c
		}
		return a.Level - b.Level
	})
	slices.SortFunc(overdue, func(a, b query.OverdueRecall) int {
		if c := a.CompleteBy.Compare(b.CompleteBy); c != 0 {
			return c
		}
		return strings.Compare(a.RecallID, b.RecallID)
	})
	return levels, months, overdue
}

// Distribution counts grades 1-4 (all four always listed, in order).
func Distribution(gs []query.Grade) []query.GradeCount {
	out := []query.GradeCount{{Grade: 1}, {Grade: 2}, {Grade: 3}, {Grade: 4}}
	for _, g := range gs {
		if g.Grade >= 1 && g.Grade <= 4 {
			out[g.Grade-1].Enterprises++
		}
	}
	return out
}
