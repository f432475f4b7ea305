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
	case batch.Sold:
		p.product(ev.GTIN).UnitsSold += ev.Count()
	case complaint.Filed:
		p.State().Complaints[ev.ComplaintID] = ev.GTIN
		p.product(ev.GTIN).Complaints++
		p.month(at).ComplaintsFiled++
	case complaint.Resolved:
		if gtin, ok := p.State().Complaints[ev.ComplaintID]; ok {
			pr := p.product(gtin)
			pr.ComplaintsResolved++
			if ev.Substantiated {
				pr.ComplaintsSubstantiated++
			}
		}
		if m := p.month(at); ev.Substantiated {
			m.ComplaintsSubstantiated++
		}
	case batch.Inspected:
		pr, m := p.product(ev.GTIN), p.month(at)
		pr.Inspections++
		m.MarketInspections++
		if ev.Result == "fail" {
			pr.InspectionsFailed++
			m.MarketInspectionsFailed++
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
