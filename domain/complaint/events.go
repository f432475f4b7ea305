package complaint

// Event type names, written by hand and versioned.
const (
	TypeFiled                = "complaint.filed.v1"
	TypeContactRecorded      = "complaint.contact_recorded.v1"
	TypeAccepted             = "complaint.accepted.v1"
	TypeRefused              = "complaint.refused.v1"
	TypeInvestigationStarted = "complaint.investigation_started.v1"
	TypeAnswered             = "complaint.answered.v1"
	TypeResolved             = "complaint.resolved.v1"
	TypeTransferred          = "complaint.transferred.v1"
)

// Who filed a complaint (Filed.FiledBy). Events written before the field
// existed were all filed by a regulator.
const (
	ByRegulator = "regulator"
	ByConsumer  = "consumer"
)

// How a case ended (Resolved.Conclusion). A Resolved event without one, as
// every event written before cases had conclusions, means ConclusionResolved.
const (
	ConclusionResolved = "resolved"
	ConclusionMediated = "mediated"
)

// Filed: a complaint was taken in, by a regulator (12315 intake) or by a
// consumer through the public intake. AcceptBy is the deadline to accept or
// refuse it (RFC 3339), counted at filing; empty on events written before
// cases had deadlines. FollowUpHash is the SHA-256 of the follow-up code
// the public intake gave the consumer (FollowUpHash); empty when no code
// was given (a regulator's filing, or one written before codes existed):
// such a case has no public status.
type Filed struct {
	ComplaintID  string `json:"complaint_id"`
	GTIN         string `json:"gtin"`
	Lot          string `json:"lot,omitempty"`
	Serial       string `json:"serial,omitempty"`
	AgainstUSCC  string `json:"against_uscc"`
	Category     string `json:"category"`
	Severity     int    `json:"severity"`
	Channel      string `json:"channel"`
	Description  string `json:"description,omitempty"`
	FiledBy      string `json:"filed_by,omitempty"`
	AcceptBy     string `json:"accept_by,omitempty"`
	FollowUpHash string `json:"follow_up_hash,omitempty"`
}

// ContactRecorded: how to reach the consumer who complained. It is
// personal data, so it is an event of its own that no enterprise-facing
// model folds: only regulators read it.
type ContactRecorded struct {
	ComplaintID string `json:"complaint_id"`
	AgainstUSCC string `json:"against_uscc"`
	Contact     string `json:"contact"`
}

// Accepted: a regulator took the case on. ConcludeBy is the deadline to
// conclude it; Late says the acceptance came after Filed.AcceptBy.
type Accepted struct {
	ComplaintID string `json:"complaint_id"`
	AgainstUSCC string `json:"against_uscc"`
	ConcludeBy  string `json:"conclude_by"`
	Late        bool   `json:"late,omitempty"`
}

// Refused: a regulator declined the case, with the reason the consumer is
// told. The case ends here.
type Refused struct {
	ComplaintID string `json:"complaint_id"`
	AgainstUSCC string `json:"against_uscc"`
	Reason      string `json:"reason"`
	Late        bool   `json:"late,omitempty"`
}

// InvestigationStarted: a regulator started looking into an accepted case.
type InvestigationStarted struct {
	ComplaintID string `json:"complaint_id"`
	AgainstUSCC string `json:"against_uscc"`
	Note        string `json:"note,omitempty"`
}

// Answered: the enterprise concerned gave its account of an open case.
type Answered struct {
	ComplaintID string `json:"complaint_id"`
	AgainstUSCC string `json:"against_uscc"`
	Answer      string `json:"answer"`
}

// Resolved: the case was concluded, mediated or resolved, as substantiated
// or not. It is the event the credit grade reads. Conclusion is empty on
// events written before cases had conclusions (meaning resolved); Late says
// the conclusion came after Accepted.ConcludeBy.
type Resolved struct {
	ComplaintID   string `json:"complaint_id"`
	AgainstUSCC   string `json:"against_uscc"`
	Substantiated bool   `json:"substantiated"`
	Outcome       string `json:"outcome"`
	Conclusion    string `json:"conclusion,omitempty"`
	Late          bool   `json:"late,omitempty"`
}

// Transferred: the case was handed to another authority (customs, a
// regulator of another region). The case ends here for this ledger.
type Transferred struct {
	ComplaintID string `json:"complaint_id"`
	AgainstUSCC string `json:"against_uscc"`
	Authority   string `json:"authority"`
	Reason      string `json:"reason"`
	Late        bool   `json:"late,omitempty"`
}

// EventType names the event.
func (Filed) EventType() string { return TypeFiled }

// EventType names the event.
func (ContactRecorded) EventType() string { return TypeContactRecorded }

// EventType names the event.
func (Accepted) EventType() string { return TypeAccepted }

// EventType names the event.
func (Refused) EventType() string { return TypeRefused }

// EventType names the event.
func (InvestigationStarted) EventType() string { return TypeInvestigationStarted }

// EventType names the event.
func (Answered) EventType() string { return TypeAnswered }

// EventType names the event.
func (Resolved) EventType() string { return TypeResolved }

// EventType names the event.
func (Transferred) EventType() string { return TypeTransferred }

// ConclusionOf is how a Resolved event concluded its case, reading an
// event without a conclusion as resolved.
func ConclusionOf(r Resolved) string {
	if r.Conclusion == "" {
		return ConclusionResolved
	}
	return r.Conclusion
}
