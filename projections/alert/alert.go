// Package alert computes the alerts a regulator's or recall team's
// dashboard raises, at query time from the read models (no state of its
// own): stock near or past expiry, stock of recalled batches still held,
// recalls past a deadline, certificates about to expire, and holders of
// imported goods customs rejected.
package alert

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/certificate"
	"github.com/traceledger/traceledger/projections/trace"
)

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

// sortAlerts orders by severity, then kind, batch, holder and recall, so
// the same models give the same answer.
func sortAlerts(as []query.Alert) {
	slices.SortFunc(as, func(a, b query.Alert) int {
		return cmp.Or(cmp.Compare(rank(a.Severity), rank(b.Severity)), cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.GTIN, b.GTIN), cmp.Compare(a.Lot, b.Lot), cmp.Compare(a.USCC, b.USCC), cmp.Compare(a.RecallID, b.RecallID),
			cmp.Compare(a.Reason, b.Reason), cmp.Compare(a.OrderID, b.OrderID))
	})
}

// Stock is what alerts read of the trace model; *trace.Projection
// implements it.
type Stock interface {
	ExpiringBy(day string) ([]trace.Stock, error)
	Rejected() ([]trace.Stock, error)
	Recalled() ([]trace.Stock, error)
	Tallies(ctx context.Context, gtin, lot string) ([]batch.Tally, bool, error)
}

// Recalls is what alerts read of the recall lists; *recalllist.Projection
// implements it.
type Recalls interface {
	All(ctx context.Context, now time.Time, dir query.Directory) ([]query.RecallList, error)
}

// Certificates lists issued certificates whose validity ends within days
// of now; *certificate.Projection implements it.
type Certificates interface {
	ExpiringWithin(now time.Time, days int) []certificate.Expiring
}
