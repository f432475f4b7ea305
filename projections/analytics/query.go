package analytics

import (
	"strings"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// Trend is the risk events by month, gap-free, oldest first, of the
// operators in set (nil: every event, those of no known operator too).
func (p *Projection) Trend(set query.EnterpriseSet) []query.TrendMonth {
	p.RLock()
	var ms []query.TrendMonth
	if set == nil {
		for _, m := range p.State().Months {
			ms = append(ms, *m)
		}
	} else {
		sums := map[string]*query.TrendMonth{}
		for uscc, o := range p.State().Operators {
			if set.Has(uscc) {
				for k, m := range o.Months {
					if sums[k] == nil {
						sums[k] = &query.TrendMonth{Month: k}
					}
					AddMonth(sums[k], *m)
				}
			}
		}
		for _, m := range sums {
			ms = append(ms, *m)
		}
	}
	p.RUnlock()
	return FillMonths(ms)
}

// Candidates are every operator as the dashboard's filters judge it: its
// registered region and the categories and origins of the GTINs it
// registered or sold, as their latest registration names them.
func (p *Projection) Candidates() []query.Candidate {
	p.RLock()
	defer p.RUnlock()
	out := make([]query.Candidate, 0, len(p.State().Operators))
	for uscc, o := range p.State().Operators {
		c := query.Candidate{USCC: uscc, Region: o.Region}
		for gtin := range o.GTINs {
			if pr := p.State().Products[gtin]; pr != nil && pr.Registered {
				c.Categories = append(c.Categories, pr.Category)
				c.Origins = append(c.Origins, pr.OriginCountry)
			}
		}
		out = append(out, c)
	}
	return out
}

// Rates groups the products' counts by category or origin country; a GTIN
// the log never registered counts under "". f's category and origin keep
// the products registered with them; its region counts only the events of
// the operators registered there (their share of each product's counts).
func (p *Projection) Rates(by query.RateKey, f query.DashboardFilter) []query.RateGroup {
	type sums struct{ products, sold, complaints, resolved, substantiated, inspections, failed int64 }
	groups := map[string]*sums{}
	p.RLock()
	add := func(gtin string, c *Product) {
		pr := p.State().Products[gtin]
		if pr == nil {
			pr = &Product{}
		}
		if (f.Category != "" && pr.Category != f.Category) || (f.Origin != "" && pr.OriginCountry != f.Origin) {
			return
		}
		key := pr.Category
		if by == query.ByOriginCountry {
			key = pr.OriginCountry
		}
		g := groups[key]
		if g == nil {
			g = &sums{}
			groups[key] = g
		}
		if c.Registered {
			g.products++
		}
		g.sold += c.UnitsSold
		g.complaints += c.Complaints
		g.resolved += c.ComplaintsResolved
		g.substantiated += c.ComplaintsSubstantiated
		g.inspections += c.Inspections
		g.failed += c.InspectionsFailed
	}
	if f.Region == "" {
		for gtin, pr := range p.State().Products {
			add(gtin, pr)
		}
	} else {
		for _, o := range p.State().Operators {
			if strings.TrimSpace(o.Region) == f.Region {
				for gtin, c := range o.Goods {
					add(gtin, c)
				}
			}
		}
	}
	p.RUnlock()
	out := make([]query.RateGroup, 0, len(groups))
	for k, g := range groups {
		out = append(out, NewRateGroup(k, g.products, g.sold, g.complaints, g.resolved, g.substantiated, g.inspections, g.failed))
	}
	SortRateGroups(out)
	return out
}

// RecallItems lists every recall the log started.
func (p *Projection) RecallItems() []RecallItem {
	p.RLock()
	defer p.RUnlock()
	out := make([]RecallItem, 0, len(p.State().Recalls))
	for id, r := range p.State().Recalls {
		out = append(out, RecallItem{ID: id, Level: r.Level, Initiator: r.Initiator, StartedAt: r.StartedAt,
			CompleteBy: r.CompleteBy, HasDeadline: r.HasDeadline, Closed: r.Closed})
	}
	return out
}

// Recalls counts the recalls as of asOf (TallyRecalls).
func (p *Projection) Recalls(asOf time.Time) (levels, months []query.RecallCounts, overdue []query.OverdueRecall) {
	return TallyRecalls(p.RecallItems(), asOf)
}

// OperatorCounts sums each operator's days in period; operators with no
// counted day there are left out, as ClickHouse's GROUP BY leaves them.
func (p *Projection) OperatorCounts(period query.RatePeriod) []query.OperatorCounts {
	p.RLock()
	defer p.RUnlock()
	var out []query.OperatorCounts
	for uscc, o := range p.State().Operators {
		sum, seen := query.OperatorCounts{USCC: uscc, Name: o.Name, Region: o.Region}, false
		for day, c := range o.Days {
			d, err := query.DayBound(day, false)
			if err != nil || !period.Contains(d) {
				continue
			}
			seen = true
			sum.Products += c.Products
			sum.UnitsSold += c.UnitsSold
			sum.Complaints += c.Complaints
			sum.Resolved += c.Resolved
			sum.Substantiated += c.Substantiated
			sum.Inspections += c.Inspections
			sum.Failed += c.Failed
			sum.Recalls += c.Recalls
			sum.Withdrawals += c.Withdrawals
		}
		if seen {
			out = append(out, sum)
		}
	}
	return out
}
