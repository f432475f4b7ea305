package analytics

import (
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// apply folds one event. docs/analytics.md states what each count counts;
// the ClickHouse queries count the same events. Every event of the risk
// trend's types makes its month listed, even when it counts nothing there
// (a customs inspection that passed), as the GROUP BY in ClickHouse does.
func (p *Projection) apply(env *runner.Envelope) {
	at := env.Metadata.OccurredAt.UTC()
	switch ev := env.Event.(type) {
	case product.Registered:
		pr := p.product(ev.GTIN)
		pr.Registered, pr.Category, pr.OriginCountry = true, ev.Category, ev.OriginCountry
		p.goods(ev.OwnerUSCC, ev.GTIN).Registered = true
		p.day(ev.OwnerUSCC, at).Products++
		p.handles(ev.OwnerUSCC, ev.GTIN)
	case batch.Sold:
		p.product(ev.GTIN).UnitsSold += ev.Count()
		p.goods(ev.SellerUSCC, ev.GTIN).UnitsSold += ev.Count()
		p.day(ev.SellerUSCC, at).UnitsSold += ev.Count()
		p.handles(ev.SellerUSCC, ev.GTIN)
	case complaint.Filed:
		p.State().Complaints[ev.ComplaintID] = ev.GTIN
		p.product(ev.GTIN).Complaints++
		p.goods(ev.AgainstUSCC, ev.GTIN).Complaints++
		p.day(ev.AgainstUSCC, at).Complaints++
		for _, m := range p.months(ev.AgainstUSCC, at) {
			m.ComplaintsFiled++
		}
	case complaint.Resolved:
		if gtin, ok := p.State().Complaints[ev.ComplaintID]; ok {
			pr, og := p.product(gtin), p.goods(ev.AgainstUSCC, gtin)
			pr.ComplaintsResolved++
			og.ComplaintsResolved++
			d := p.day(ev.AgainstUSCC, at)
			d.Resolved++
			if ev.Substantiated {
				pr.ComplaintsSubstantiated++
				og.ComplaintsSubstantiated++
				d.Substantiated++
			}
		}
		for _, m := range p.months(ev.AgainstUSCC, at) {
			if ev.Substantiated {
				m.ComplaintsSubstantiated++
			}
		}
	case batch.Inspected:
		pr, og, d := p.product(ev.GTIN), p.goods(ev.EnterpriseUSCC, ev.GTIN), p.day(ev.EnterpriseUSCC, at)
		pr.Inspections++
		og.Inspections++
		d.Inspections++
		if ev.Result == "fail" {
			pr.InspectionsFailed++
			og.InspectionsFailed++
			d.Failed++
		}
		for _, m := range p.months(ev.EnterpriseUSCC, at) {
			m.MarketInspections++
			if ev.Result == "fail" {
				m.MarketInspectionsFailed++
			}
		}
	case customs.Declared:
		p.State().Declarations[ev.DeclarationNo] = ev.ImporterUSCC
	case customs.Inspected:
		for _, m := range p.months(p.State().Declarations[ev.DeclarationNo], at) {
			if ev.Result == "fail" {
				m.CustomsInspectionsFailed++
			}
		}
	case customs.Rejected:
		for _, m := range p.months(p.State().Declarations[ev.DeclarationNo], at) {
			m.CustomsRejections++
		}
	case enterprise.PenaltyImposed:
		for _, m := range p.months(ev.USCC, at) {
			m.Penalties++
			m.PenaltyAmountCNY += ev.AmountCNY
		}
	case recall.Started:
		r := &Recall{Level: ev.Level, Initiator: ev.InitiatedByUSCC, StartedAt: at}
		if d, err := time.Parse(time.RFC3339, ev.CompleteBy); err == nil && !d.IsZero() {
			r.CompleteBy, r.HasDeadline = d.UTC(), true
		}
		p.State().Recalls[ev.RecallID] = r
		for _, m := range p.months(ev.InitiatedByUSCC, at) {
			m.RecallsStarted++
		}
		p.day(ev.InitiatedByUSCC, at).Recalls++
	case batch.Withdrawn:
		p.day(ev.HolderUSCC, at).Withdrawals++
	case enterprise.Registered:
		o := p.operator(ev.USCC)
		o.Name, o.Region = ev.Name, ev.Region
	case recall.Closed:
		if r := p.State().Recalls[ev.RecallID]; r != nil {
			r.Closed = true
		}
	}
}

func (p *Projection) product(gtin string) *Product {
	pr := p.State().Products[gtin]
	if pr == nil {
		pr = &Product{}
		p.State().Products[gtin] = pr
	}
	return pr
}

// months is at's month in the trend and, for a known operator (uscc not
// ""), in that operator's trend: a risk event counts in both, so that a
// filtered trend sums the kept operators'.
func (p *Projection) months(uscc string, at time.Time) []*query.TrendMonth {
	k := Month(at)
	m := p.State().Months[k]
	if m == nil {
		m = &query.TrendMonth{Month: k}
		p.State().Months[k] = m
	}
	if uscc == "" {
		return []*query.TrendMonth{m}
	}
	o := p.operator(uscc)
	if o.Months == nil {
		o.Months = map[string]*query.TrendMonth{}
	}
	om := o.Months[k]
	if om == nil {
		om = &query.TrendMonth{Month: k}
		o.Months[k] = om
	}
	return []*query.TrendMonth{m, om}
}

// goods is the operator's share of the GTIN's counts, made when first
// counted.
func (p *Projection) goods(uscc, gtin string) *Product {
	o := p.operator(uscc)
	if o.Goods == nil {
		o.Goods = map[string]*Product{}
	}
	g := o.Goods[gtin]
	if g == nil {
		g = &Product{}
		o.Goods[gtin] = g
	}
	return g
}

// handles records that the operator registered or sold the GTIN.
func (p *Projection) handles(uscc, gtin string) {
	o := p.operator(uscc)
	if o.GTINs == nil {
		o.GTINs = map[string]bool{}
	}
	o.GTINs[gtin] = true
}

func (p *Projection) operator(uscc string) *Operator {
	o := p.State().Operators[uscc]
	if o == nil {
		o = &Operator{}
		p.State().Operators[uscc] = o
	}
	return o
}

// day is the operator's counts on at's China day (query.DayOf), made when
// first counted.
func (p *Projection) day(uscc string, at time.Time) *Counts {
	o := p.operator(uscc)
	if o.Days == nil {
		o.Days = map[string]*Counts{}
	}
	k := query.DayOf(at)
	c := o.Days[k]
	if c == nil {
		c = &Counts{}
		o.Days[k] = c
	}
	return c
}
