// Package alert computes the alerts a regulator's or recall team's
// dashboard raises, at query time from the read models (no state of its
// own): stock near or past expiry, stock of recalled batches still held,
// recalls past a deadline, certificates about to expire, and holders of
// imported goods customs rejected.
package alert

import (
	"cmp"
	"slices"
	"time"

	"github.com/traceledger/traceledger/projections/certificate"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/trace"
)

// Alert is one thing someone should act on.
type Alert struct {
	Kind     string `json:"kind"`
	Severity string `json:"severity"`
	GTIN     string `json:"gtin,omitempty"`
	Lot      string `json:"lot,omitempty"`
	USCC     string `json:"uscc,omitempty"`
	Name     string `json:"name,omitempty"`
	Units    int64  `json:"units"`
	Message  string `json:"message"`
	RecallID string `json:"recall_id,omitempty"`
	// Due is the date or time the alert is about: an expiry, a deadline.
	Due string `json:"due,omitempty"`
}

// The kinds of alert.
const (
	KindExpired         = "expired_stock"
	KindNearExpiry      = "near_expiry"
	KindRecalledStock   = "recalled_stock"
	KindRecallOverdue   = "recall_overdue"
	KindCertificate     = "certificate_expiring"
	KindRejectedImports = "rejected_import_held"
)

// Severities, most urgent first.
const (
	SeverityHigh   = "high"
	SeverityMedium = "medium"
	SeverityLow    = "low"
)

func rank(s string) int {
	switch s {
	case SeverityHigh:
		return 0
	case SeverityMedium:
		return 1
	}
	return 2
}

// Report is the answer of GET /api/v1/alerts.
type Report struct {
	AsOf   time.Time `json:"as_of"`
	Alerts []Alert   `json:"alerts"`
}

// For keeps the alerts about one enterprise: what an enterprise token sees.
func (r Report) For(uscc string) Report {
	out := Report{AsOf: r.AsOf, Alerts: []Alert{}}
	for _, a := range r.Alerts {
		if a.USCC == uscc {
			out.Alerts = append(out.Alerts, a)
		}
	}
	return out
}

// sortAlerts orders by severity, then kind, batch, holder and recall, so
// the same models give the same answer.
func sortAlerts(as []Alert) {
	slices.SortFunc(as, func(a, b Alert) int {
		return cmp.Or(cmp.Compare(rank(a.Severity), rank(b.Severity)), cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.GTIN, b.GTIN), cmp.Compare(a.Lot, b.Lot), cmp.Compare(a.USCC, b.USCC), cmp.Compare(a.RecallID, b.RecallID))
	})
}

// Stock is what alerts read of the trace model; *trace.Projection
// implements it.
type Stock interface {
	ExpiringBy(day string) []trace.Stock
	Rejected() []trace.Stock
	Recalled() []trace.Stock
}

// Recalls is what alerts read of the recall lists; *recalllist.Projection
// implements it.
type Recalls interface {
	All(now time.Time, dir recalllist.Directory) []recalllist.List
}

// Certificates lists issued certificates whose validity ends within days
// of now; *certificate.Projection implements it.
type Certificates interface {
	ExpiringWithin(now time.Time, days int) []certificate.Expiring
}

// Names gives enterprises' names.
type Names interface {
	Name(uscc string) string
}
