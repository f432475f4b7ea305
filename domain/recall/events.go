// Package recall is the recall aggregate (召回): a recall of one or more
// batches at a level that sets its start and completion deadlines, closed when
// every affected unit is accounted for.
package recall

// Event type names, written by hand and versioned.
const (
	TypeStarted              = "recall.started.v1"
	TypeClosed               = "recall.closed.v1"
	TypePublicNoticeAccepted = "recall.public_notice_accepted.v1"
)

// BatchKey names a recalled batch.
type BatchKey struct {
	GTIN string `json:"gtin"`
	Lot  string `json:"lot"`
}

// Started: a recall began. Deadlines are RFC 3339 times. The plan fields
// (hazard, hazard_known_at, scope, measures, contact) are absent on recalls
// recorded before the plan was kept: their deadlines ran from the recall's
// record, which is what start_by says.
type Started struct {
	RecallID        string     `json:"recall_id"`
	Batches         []BatchKey `json:"batches"`
	Level           int        `json:"level"`
	Reason          string     `json:"reason"`
	InitiatedByUSCC string     `json:"initiated_by_uscc"`
	StartBy         string     `json:"start_by"`
	CompleteBy      string     `json:"complete_by"`
	Hazard          string     `json:"hazard,omitempty"`
	HazardKnownAt   string     `json:"hazard_known_at,omitempty"`
	Scope           string     `json:"scope,omitempty"`
	Measures        string     `json:"measures,omitempty"`
	Contact         string     `json:"contact,omitempty"`
	// Derived are those of Batches the recall reaches because they were
	// made of a named batch (transformations), not named by the initiator.
	Derived []BatchKey `json:"derived,omitempty"`
}

// Closed: every affected unit is accounted for. Accounting is the record of
// what was accounted and how; it is absent on closings recorded before it
// was kept.
type Closed struct {
	RecallID   string      `json:"recall_id"`
	Accounting *Accounting `json:"accounting,omitempty"`
}

// Accounting is how a recall's affected units were accounted for when it
// closed. Returned and Destroyed include units consumers brought back to
// their seller (the seller records them as returns of sold units);
// SoldByPublicNotice are the units still sold to consumers, accounted for by
// the regulator's decision that the public notice suffices.
type Accounting struct {
	Affected           int64 `json:"affected"`
	Returned           int64 `json:"returned"`
	Destroyed          int64 `json:"destroyed"`
	SoldByPublicNotice int64 `json:"sold_by_public_notice"`
}

// PublicNoticeAccepted: a regulator decided that the recall's public notice
// suffices for the units sold to consumers and not brought back: they count
// as accounted for. Sold is how many such units there were at the decision;
// Notice says where the notice was published and why it suffices.
type PublicNoticeAccepted struct {
	RecallID string `json:"recall_id"`
	Sold     int64  `json:"sold"`
	Notice   string `json:"notice"`
}

// EventType names the event.
func (Started) EventType() string { return TypeStarted }

// EventType names the event.
func (Closed) EventType() string { return TypeClosed }

// EventType names the event.
func (PublicNoticeAccepted) EventType() string { return TypePublicNoticeAccepted }
