package analytics

import (
	"cmp"
	"slices"
	"strings"

	"github.com/traceledger/traceledger/app/query"
)

// RankRates groups operators' counts by operator or by region (the region
// each registered, trimmed; "" for operators the log never registered),
// ranks the groups worst first and answers the page's groups and the next
// page's ?after= (nil on the last page); a page's Region keeps only the
// operators registered there. Both engines answer through it.
//
// Worst first: the higher market-inspection failure rate, then more failed
// inspections, more complaints per 1,000 units sold, more substantiated
// complaints, more recalls, more withdrawals; ties by key.
func RankRates(ops []query.OperatorCounts, by query.RateKey, page query.RatePage) ([]query.RateGroup, *uint64) {
	type sums struct {
		name, region                                                   string
		operators, products, sold, complaints, resolved, substantiated int64
		inspections, failed, recalls, withdrawals                      int64
	}
	groups := map[string]*sums{}
	for _, o := range ops {
		if page.Region != "" && strings.TrimSpace(o.Region) != page.Region {
			continue
		}
		key := o.USCC
		if by == query.ByRegion {
			key = strings.TrimSpace(o.Region)
		}
		g := groups[key]
		if g == nil {
			g = &sums{}
			groups[key] = g
		}
		if by == query.ByOperator {
			g.name, g.region = o.Name, o.Region
		}
		g.operators++
		g.products += o.Products
		g.sold += o.UnitsSold
		g.complaints += o.Complaints
		g.resolved += o.Resolved
		g.substantiated += o.Substantiated
		g.inspections += o.Inspections
		g.failed += o.Failed
		g.recalls += o.Recalls
		g.withdrawals += o.Withdrawals
	}
	all := make([]query.RateGroup, 0, len(groups))
	for k, g := range groups {
		r := NewRateGroup(k, g.products, g.sold, g.complaints, g.resolved, g.substantiated, g.inspections, g.failed)
		r.Name, r.Region = g.name, g.region
		r.Operators, r.Recalls, r.Withdrawals = ptr(g.operators), ptr(g.recalls), ptr(g.withdrawals)
		all = append(all, r)
	}
	slices.SortFunc(all, worstFirst)
	start := min(page.After, uint64(len(all)))
	end := min(start+uint64(max(page.Limit, 0)), uint64(len(all)))
	var next *uint64
	if end < uint64(len(all)) {
		next = ptr(end)
	}
	return all[start:end], next
}

// KeepOperators keeps the counts of the operators in set.
func KeepOperators(ops []query.OperatorCounts, set query.EnterpriseSet) []query.OperatorCounts {
	var out []query.OperatorCounts
	for _, o := range ops {
		if set.Has(o.USCC) {
			out = append(out, o)
		}
	}
	return out
}

func worstFirst(a, b query.RateGroup) int {
	return cmp.Or(
		cmp.Compare(b.FailureRate, a.FailureRate),
		cmp.Compare(b.InspectionsFailed, a.InspectionsFailed),
		cmp.Compare(b.ComplaintsPer1000Units, a.ComplaintsPer1000Units),
		cmp.Compare(b.ComplaintsSubstantiated, a.ComplaintsSubstantiated),
		cmp.Compare(*b.Recalls, *a.Recalls),
		cmp.Compare(*b.Withdrawals, *a.Withdrawals),
		strings.Compare(a.Key, b.Key))
}

func ptr[T any](v T) *T { return &v }
