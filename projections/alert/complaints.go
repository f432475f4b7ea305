package alert

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/complaint"
)

// The kinds of complaint alert: a case not accepted or refused within 7
// working days of filing, or not concluded within 45 of acceptance.
const (
	KindComplaintAcceptanceOverdue = "complaint_acceptance_overdue"
	KindComplaintConclusionOverdue = "complaint_conclusion_overdue"
)

// Complaints lists the open cases past a deadline;
// *complaintlist.Projection implements it.
type Complaints interface {
	Overdue(now time.Time) []query.ComplaintCase
}

// WithComplaints is an alert model that adds the overdue complaint cases
// to what models answers.
func WithComplaints(models query.AlertModel, complaints Complaints) query.AlertModel {
	return complaintAlerts{AlertModel: models, complaints: complaints}
}

type complaintAlerts struct {
	query.AlertModel
	complaints Complaints
}

// Alerts answers models' alerts and the overdue cases, in one order. An
// acceptance that is late is the regulator's alone to catch up, so that
// alert names no enterprise (it is not on the enterprise's alerts); a
// conclusion that is late concerns the enterprise too (its answer may be
// what is missing).
func (m complaintAlerts) Alerts(ctx context.Context, now time.Time, expiryDays int, names query.Names) (query.AlertReport, error) {
	r, err := m.AlertModel.Alerts(ctx, now, expiryDays, names)
	if err != nil {
		return query.AlertReport{}, err
	}
	for _, c := range m.complaints.Overdue(now.UTC()) {
		a := query.Alert{Severity: SeverityMedium, GTIN: c.GTIN, Lot: c.Lot, ComplaintID: c.ComplaintID, Name: c.AgainstName}
		switch c.Overdue {
		case complaint.OverdueAcceptance:
			a.Kind, a.Due = KindComplaintAcceptanceOverdue, c.AcceptBy
			a.Message = fmt.Sprintf("complaint %s against %s was filed on %s and is neither accepted nor refused: the deadline was %s",
				c.ComplaintID, c.AgainstUSCC, c.FiledAt.Format(time.DateOnly), c.AcceptBy)
		case complaint.OverdueConclusion:
			a.Kind, a.Due, a.USCC, a.Severity = KindComplaintConclusionOverdue, c.ConcludeBy, c.AgainstUSCC, SeverityHigh
			a.Message = fmt.Sprintf("complaint %s against %s is still %s: it had to be concluded by %s", c.ComplaintID, c.AgainstUSCC, c.Status, c.ConcludeBy)
		default:
			continue
		}
		r.Alerts = append(r.Alerts, a)
	}
	slices.SortStableFunc(r.Alerts, func(a, b query.Alert) int {
		return cmp.Or(cmp.Compare(rank(a.Severity), rank(b.Severity)), cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.GTIN, b.GTIN), cmp.Compare(a.Lot, b.Lot), cmp.Compare(a.USCC, b.USCC), cmp.Compare(a.RecallID, b.RecallID),
			cmp.Compare(a.ComplaintID, b.ComplaintID))
	})
	return r, nil
}
