package alert

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/trace"
)

// CertificateDays is how far ahead certificate expiries are announced.
const CertificateDays = 30

// Engine computes alerts from the models it is given; Recalls and
// Certificates may be nil (those alerts are then not raised).
type Engine struct {
	stock   Stock
	recalls Recalls
	certs   Certificates
	// withdrawals clear expired-stock alerts and raise withdrawal duties
	// (withdrawal.go); nil raises neither.
	withdrawals Withdrawals
}

// The queries read it through the port app/query declares.
var _ query.AlertModel = (*Engine)(nil)

// New builds an engine over the models.
func New(stock Stock, recalls Recalls, certs Certificates) *Engine {
	return &Engine{stock: stock, recalls: recalls, certs: certs}
}

// Alerts answers every alert as of now. Dates compare as calendar days in
// UTC, as the domain writes them; stock near expiry is stock whose batch
// expires within expiryDays of today. A failed read of the recall lists
// or of a batch's tallies is an error: a report without those alerts
// would say all is well.
func (e *Engine) Alerts(ctx context.Context, now time.Time, expiryDays int, names query.Names) (query.AlertReport, error) {
	now = now.UTC()
	today := now.Format(batch.DateLayout)
	r := query.AlertReport{AsOf: now, Alerts: []query.Alert{}}
	name := func(u string) string {
		if names == nil {
			return ""
		}
		return names.Name(u)
	}
	held := func(s trace.Stock, each func(t batch.Tally, units int64)) {
		for _, t := range s.Holders {
			if n := t.InStock + t.InTransit; n > 0 {
				each(t, n)
			}
		}
	}
	expiring, err := e.stock.ExpiringBy(now.AddDate(0, 0, expiryDays).Format(batch.DateLayout))
	if err != nil {
		return query.AlertReport{}, fmt.Errorf("alerts: expiring stock: %w", err)
	}
	recalled, err := e.stock.Recalled()
	if err != nil {
		return query.AlertReport{}, fmt.Errorf("alerts: recalled stock: %w", err)
	}
	rejected, err := e.stock.Rejected()
	if err != nil {
		return query.AlertReport{}, fmt.Errorf("alerts: rejected stock: %w", err)
	}
	for _, s := range expiring {
		kind, sev, verb := KindNearExpiry, SeverityMedium, "expires on"
		if s.ExpiresOn < today {
			kind, sev, verb = KindExpired, SeverityHigh, "expired on"
		}
		held(s, func(t batch.Tally, n int64) {
			if kind == KindExpired {
				if n = e.unwithdrawn(s.GTIN, s.Lot, t); n <= 0 {
					return
				}
			}
			r.Alerts = append(r.Alerts, query.Alert{Kind: kind, Severity: sev, GTIN: s.GTIN, Lot: s.Lot, USCC: t.USCC, Name: name(t.USCC), Units: n,
				Due: s.ExpiresOn, Message: fmt.Sprintf("%d units of batch %s/%s in stock or in transit; the batch %s %s", n, s.GTIN, s.Lot, verb, s.ExpiresOn)})
		})
	}
	for _, s := range recalled {
		id := s.Recalls[len(s.Recalls)-1]
		held(s, func(t batch.Tally, n int64) {
			r.Alerts = append(r.Alerts, query.Alert{Kind: KindRecalledStock, Severity: SeverityHigh, GTIN: s.GTIN, Lot: s.Lot, USCC: t.USCC, Name: name(t.USCC), Units: n,
				RecallID: id, Message: fmt.Sprintf("%d units of recalled batch %s/%s still held: return or destroy them", n, s.GTIN, s.Lot)})
		})
	}
	for _, s := range rejected {
		held(s, func(t batch.Tally, n int64) {
			r.Alerts = append(r.Alerts, query.Alert{Kind: KindRejectedImports, Severity: SeverityHigh, GTIN: s.GTIN, Lot: s.Lot, USCC: t.USCC, Name: name(t.USCC), Units: n,
				Message: fmt.Sprintf("%d units of batch %s/%s held although customs rejected declaration %s", n, s.GTIN, s.Lot, s.DeclarationNo)})
		})
	}
	if e.recalls != nil {
		all, err := e.recalls.All(ctx, now, nil)
		if err != nil {
			return query.AlertReport{}, fmt.Errorf("alerts: recall lists: %w", err)
		}
		for _, l := range all {
			if l.Status != recalllist.StatusOverdue {
				continue
			}
			due := l.CompleteBy
			if l.OverdueBy == recalllist.MissedStartBy {
				due = l.StartBy
			}
			open := l.Progress.Affected - l.Progress.Accounted
			r.Alerts = append(r.Alerts, query.Alert{Kind: KindRecallOverdue, Severity: SeverityHigh, USCC: l.InitiatedBy, Name: name(l.InitiatedBy), Units: open,
				RecallID: l.RecallID, Due: due, Message: fmt.Sprintf("level %d recall %s missed its %s deadline (%s) with %d units unaccounted for", l.Level, l.RecallID, l.OverdueBy, due, open)})
		}
	}
	if e.certs != nil {
		for _, c := range e.certs.ExpiringWithin(now, CertificateDays) {
			r.Alerts = append(r.Alerts, query.Alert{Kind: KindCertificate, Severity: SeverityMedium, GTIN: c.GTIN, USCC: c.NotifierUSCC, Name: name(c.NotifierUSCC),
				Due: c.ValidTo, Message: fmt.Sprintf("certificate %s of product %s expires on %s: renew the barcode notification", c.CertificateNo, c.GTIN, c.ValidTo)})
		}
	}
	duties, err := e.withdrawalDuties(ctx, now, name)
	if err != nil {
		return query.AlertReport{}, err
	}
	r.Alerts = append(r.Alerts, duties...)
	sortAlerts(r.Alerts)
	return r, nil
}
