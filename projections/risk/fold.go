package risk

import (
	"fmt"
	"slices"
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

// apply folds one event. Times come from the event (occurred_at), never
// from a clock.
func (p *Projection) apply(env *runner.Envelope) {
	at := env.Metadata.OccurredAt.UTC()
	p.touched = p.touched[:0]
	p.deadlinesPassed(env.Position, at)
	p.fold(env, at)
	p.relist(p.touched, env.Position, at, at)
}

// fold applies the event to the features.
func (p *Projection) fold(env *runner.Envelope, at time.Time) {
	switch ev := env.Event.(type) {
	case enterprise.Registered:
		e := p.ent(ev.USCC)
		e.Registered, e.Name = true, ev.Name
	case enterprise.PenaltyImposed:
		p.penalty(env.Position, at, ev)
	case complaint.Resolved:
		e := p.ent(ev.AgainstUSCC)
		e.Facts.ComplaintsResolved++
		if ev.Substantiated {
			e.Facts.ComplaintsSubstantiated++
		}
	case batch.Inspected:
		e := p.ent(ev.EnterpriseUSCC)
		e.Facts.MarketInspections++
		if ev.Result == "fail" {
			e.Facts.MarketInspectionsFailed++
		}
	case customs.Declared:
		p.State().Declarations[ev.DeclarationNo] = ev.ImporterUSCC
		p.ent(ev.ImporterUSCC).Facts.Declarations++
	case customs.Inspected:
		if imp, ok := p.State().Declarations[ev.DeclarationNo]; ok && ev.Result == "fail" {
			p.ent(imp).Facts.CustomsInspectionsFailed++
		}
	case customs.Rejected:
		p.customsRejected(env.Position, at, ev)
	case product.Registered, product.BarcodeNotified, product.CertificateIssued,
		product.CertificateRejected, product.CertificateRevoked, product.CertificateRenewed, product.CertificateAmended:
		p.certificate(ev)
	case recall.Started:
		p.recallStarted(env.Position, at, env.Metadata.ActorRole, ev)
	case recall.Closed:
		if r := p.State().Recalls[ev.RecallID]; r != nil {
			r.Closed, r.ClosedAt = true, at
			p.touch(r.involved()...)
		}
	default:
		p.goods(env.Position, at, env.Event)
	}
}

// ent returns the enterprise's record, created on first mention. An empty
// USCC gets a detached record, so a malformed event changes nothing.
func (p *Projection) ent(uscc string) *Enterprise {
	if uscc == "" {
		return &Enterprise{}
	}
	e := p.State().Enterprises[uscc]
	if e == nil {
		e = &Enterprise{}
		p.State().Enterprises[uscc] = e
	}
	p.touch(uscc)
	return e
}

// violate records a serious violation against uscc.
func (p *Projection) violate(uscc, kind string, pos uint64, at time.Time, detail string) {
	e := p.ent(uscc)
	e.Serious = append(e.Serious, query.SeriousViolation{Kind: kind, Position: pos, OccurredAt: at, Detail: detail})
}

// penalty counts a penalty; a customs fine above the Order 251 limit is a
// serious violation.
func (p *Projection) penalty(pos uint64, at time.Time, ev enterprise.PenaltyImposed) {
	e := p.ent(ev.USCC)
	e.Facts.Penalties++
	e.Facts.PenaltyAmountCNY += ev.AmountCNY
	sc := p.cfg.Serious
	if containsAny(ev.Authority, sc.CustomsAuthorities.Values) && float64(ev.AmountCNY) > sc.CustomsFineAboveCNY.Value {
		p.violate(ev.USCC, ViolationCustomsFine, pos, at,
			fmt.Sprintf("%s fined CNY %d (above %.0f): %s", ev.Authority, ev.AmountCNY, sc.CustomsFineAboveCNY.Value, ev.Reason))
	}
}

// customsRejected counts a rejection against the declaration's importer; a
// smuggling-class reason is a serious violation.
func (p *Projection) customsRejected(pos uint64, at time.Time, ev customs.Rejected) {
	imp, ok := p.State().Declarations[ev.DeclarationNo]
	if !ok {
		return
	}
	p.ent(imp).Facts.CustomsRejections++
	if containsAny(ev.Reason, p.cfg.Serious.SmugglingTerms.Values) {
		p.violate(imp, ViolationSmuggling, pos, at, fmt.Sprintf("declaration %s rejected: %s", ev.DeclarationNo, ev.Reason))
	}
}

// certificate follows a product's owner, notifier and certificate; a
// rejection or revocation is a lapse of the owner and of the notifier.
func (p *Projection) certificate(ev any) {
	prod := func(gtin string) *Product {
		pr := p.State().Products[gtin]
		if pr == nil {
			pr = &Product{}
			p.State().Products[gtin] = pr
		}
		return pr
	}
	switch ev := ev.(type) {
	case product.Registered:
		prod(ev.GTIN).Owner = ev.OwnerUSCC
		p.own(ev.OwnerUSCC, ev.GTIN)
	case product.BarcodeNotified:
		pr := prod(ev.GTIN)
		pr.Notifier, pr.Status = ev.NotifierUSCC, string(product.StatusNotified)
		p.own(ev.NotifierUSCC, ev.GTIN)
	case product.CertificateIssued:
		pr := prod(ev.GTIN)
		pr.Status, pr.ValidFrom, pr.ValidTo = string(product.StatusIssued), ev.ValidFrom, ev.ValidTo
	case product.CertificateRenewed:
		pr := prod(ev.GTIN)
		pr.ValidFrom, pr.ValidTo = ev.ValidFrom, ev.ValidTo
	case product.CertificateAmended:
		if h, ok := ev.Changed(product.FieldHolder); ok {
			prod(ev.GTIN).Notifier = h
			p.own(h, ev.GTIN)
		}
	case product.CertificateRejected:
		pr := prod(ev.GTIN)
		pr.Status = string(product.StatusRejected)
		for _, u := range pr.responsible() {
			p.ent(u).Facts.CertificatesRejected++
		}
	case product.CertificateRevoked:
		pr := prod(ev.GTIN)
		pr.Status = string(product.StatusRevoked)
		for _, u := range pr.responsible() {
			p.ent(u).Facts.CertificatesRevoked++
		}
	}
}

// own lists gtin among the products uscc answers for.
func (p *Projection) own(uscc, gtin string) {
	if e := p.ent(uscc); !slices.Contains(e.Products, gtin) {
		e.Products = append(e.Products, gtin)
	}
}

// responsible are the enterprises a certificate lapse counts against: the
// owner and the notifier, once each.
func (pr *Product) responsible() []string {
	var out []string
	for _, u := range []string{pr.Owner, pr.Notifier} {
		if u != "" && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}
