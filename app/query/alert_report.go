package query

import (
	"slices"
	"time"
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
	// ComplaintID names the complaint case an overdue alert is about.
	ComplaintID string `json:"complaint_id,omitempty"`
	// Withdrawal duties (kind withdrawal_due, and expired_stock): why the
	// holder must withdraw the goods (expired, inspection_failed, or the
	// order's reason with OrderID), and whether Due has passed.
	Reason  string `json:"reason,omitempty"`
	OrderID string `json:"order_id,omitempty"`
	Overdue bool   `json:"overdue,omitempty"`
}

// AlertReport is the answer of GET /api/v1/alerts.
type AlertReport struct {
	AsOf   time.Time `json:"as_of"`
	Alerts []Alert   `json:"alerts"`
}

// For keeps the alerts about one enterprise: what an enterprise token sees.
func (r AlertReport) For(uscc string) AlertReport {
	out := AlertReport{AsOf: r.AsOf, Alerts: []Alert{}}
	for _, a := range r.Alerts {
		if a.USCC == uscc {
			out.Alerts = append(out.Alerts, a)
		}
	}
	return out
}

// Only keeps the alerts of the given kinds and severities (an empty list
// keeps any), in the report's order.
func (r AlertReport) Only(kinds, severities []string) AlertReport {
	out := AlertReport{AsOf: r.AsOf, Alerts: []Alert{}}
	for _, a := range r.Alerts {
		if (len(kinds) == 0 || slices.Contains(kinds, a.Kind)) && (len(severities) == 0 || slices.Contains(severities, a.Severity)) {
			out.Alerts = append(out.Alerts, a)
		}
	}
	return out
}
