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
		p.day(ev.OwnerUSCC, at).Products++
	case batch.Sold:
		p.product(ev.GTIN).UnitsSold += ev.Count()
		p.day(ev.SellerUSCC, at).UnitsSold += ev.Count()
	case complaint.Filed:
		p.State().Complaints[ev.ComplaintID] = ev.GTIN
		p.product(ev.GTIN).Complaints++
		p.day(ev.AgainstUSCC, at).Complaints++
		p.month(at).ComplaintsFiled++
	case complaint.Resolved:
		if gtin, ok := p.State().Complaints[ev.ComplaintID]; ok {
			pr := p.product(gtin)
			pr.ComplaintsResolved++
			d := p.day(ev.AgainstUSCC, at)
			d.Resolved++
			if ev.Substantiated {
				pr.ComplaintsSubstantiated++
				d.Substantiated++
			}
		}
		if m := p.month(at); ev.Substantiated {
			m.ComplaintsSubstantiated++
		}
	case batch.Inspected:
		pr, m, d := p.product(ev.GTIN), p.month(at), p.day(ev.EnterpriseUSCC, at)
		pr.Inspections++
		m.MarketInspections++
		d.Inspections++
		if ev.Result == "fail" {
			pr.InspectionsFailed++
			m.MarketInspectionsFailed++
			d.Failed++
		}
	case customs.Inspected:
		if m := p.month(at); ev.Result == "fail" {
			m.CustomsInspectionsFailed++
		}
	case customs.Rejected:
		p.month(at).CustomsRejections++
	case enterprise.PenaltyImposed:
		m := p.month(at)
		m.Penalties++
		m.PenaltyAmountCNY += ev.AmountCNY
	case recall.Started:
		r := &Recall{Level: ev.Level, Initiator: ev.InitiatedByUSCC, StartedAt: at}
		if d, err := time.Parse(time.RFC3339, ev.CompleteBy); err == nil && !d.IsZero() {
			r.CompleteBy, r.HasDeadline = d.UTC(), true
		}
		p.State().Recalls[ev.RecallID] = r
		p.month(at).RecallsStarted++
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

func (p *Projection) month(at time.Time) *query.TrendMonth {
	k := Month(at)
	m := p.State().Months[k]
	if m == nil {
		m = &query.TrendMonth{Month: k}
		p.State().Months[k] = m
	}
	return m
}

func (p *Projection) operator(uscc string) *Operator {
	o := p.State().Operators[uscc]
	if o == nil {
		o = &Operator{}
		p.State().Operators[uscc] = o
	}
	return o
}

// day is the operator's counts on at's UTC day, made when first counted.
func (p *Projection) day(uscc string, at time.Time) *Counts {
	o := p.operator(uscc)
	if o.Days == nil {
		o.Days = map[string]*Counts{}
	}
	k := at.Format(time.DateOnly)
	c := o.Days[k]
	if c == nil {
		c = &Counts{}
		o.Days[k] = c
	}
	return c
}
