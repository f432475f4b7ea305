package query

import (
	"context"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/complaint"
)

// ComplaintCase is one complaint case as the case list and its detail show
// it. Contact is the consumer's, personal data: only regulators get it.
type ComplaintCase struct {
	ComplaintID string `json:"complaint_id"`
	// Position is the log position of the filing: the list's cursor.
	Position    uint64     `json:"position"`
	Status      string     `json:"status"`
	Overdue     string     `json:"overdue,omitempty"`
	FiledBy     string     `json:"filed_by"`
	Channel     string     `json:"channel"`
	Category    string     `json:"category"`
	Severity    int        `json:"severity"`
	Description string     `json:"description,omitempty"`
	Contact     string     `json:"contact,omitempty"`
	GTIN        string     `json:"gtin"`
	Lot         string     `json:"lot,omitempty"`
	Serial      string     `json:"serial,omitempty"`
	AgainstUSCC string     `json:"against_uscc"`
	AgainstName string     `json:"against_name,omitempty"`
	Region      string     `json:"region,omitempty"`
	FiledAt     time.Time  `json:"filed_at"`
	AcceptBy    string     `json:"accept_by,omitempty"`
	AcceptedAt  *time.Time `json:"accepted_at,omitempty"`
	ConcludeBy  string     `json:"conclude_by,omitempty"`
	ClosedAt    *time.Time `json:"closed_at,omitempty"`
	// Substantiated and Outcome are the conclusion's (mediated or resolved).
	Substantiated *bool  `json:"substantiated,omitempty"`
	Outcome       string `json:"outcome,omitempty"`
	// Reason is why it was refused or transferred; Authority who took it.
	Reason    string `json:"reason,omitempty"`
	Authority string `json:"authority,omitempty"`
	// Answers counts the enterprise's answers.
	Answers int `json:"answers"`
	// Timeline is every step, oldest first (the detail only).
	Timeline []ComplaintStep `json:"timeline,omitempty"`
	// FollowUpHash opens the public status; never answered.
	FollowUpHash string `json:"-"`
}

// ComplaintStep is one step of a case's timeline.
type ComplaintStep struct {
	Type     string    `json:"type"`
	Position uint64    `json:"position"`
	At       time.Time `json:"at"`
	// Text is the step's own words: the answer, the reason, the note, the
	// outcome; Late says a deadline had passed when it was recorded.
	Text string `json:"text,omitempty"`
	Late bool   `json:"late,omitempty"`
}

// ComplaintFilter selects cases: each set field must match. Overdue is
// "any", "acceptance" or "conclusion" ("" does not filter). After and
// Limit page by filing position, as the history pages do.
type ComplaintFilter struct {
	Status     string
	Enterprise string
	GTIN       string
	Region     string
	Overdue    string
	After      uint64
	Limit      int

	// Filed keeps the cases filed in the range.
	Filed TimeRange
}

// ComplaintPage is one page of cases, oldest filing first; Next is the
// position to pass as after for the following page, 0 on the last.
type ComplaintPage struct {
	Complaints []ComplaintCase
	Next       uint64
}

// ComplaintModel answers cases as of a time; *complaintlist.Projection
// implements it. keep is the caller's access rule, applied before paging.
type ComplaintModel interface {
	Case(id string, now time.Time) (ComplaintCase, bool)
	List(f ComplaintFilter, now time.Time, keep func(ComplaintCase) bool) ComplaintPage
}

// Complaints answers the case list and case details: overseers every case,
// the enterprise concerned its own cases, nobody the contact but
// regulators. A case the caller may not see answers as one that does not
// exist.
type Complaints struct {
	consistency
	model ComplaintModel
}

// NewComplaints reads model once progress has reached the client's
// position.
func NewComplaints(model ComplaintModel, progress Progress) *Complaints {
	return &Complaints{consistency: consistency{progress}, model: model}
}

// Case is one case with its timeline, as of now.
func (q *Complaints) Case(ctx context.Context, rd Read, id string, now time.Time) (ComplaintCase, error) {
	if err := q.await(ctx, rd); err != nil {
		return ComplaintCase{}, err
	}
	c, ok := q.model.Case(id, now)
	if !ok || !complaint.Visible(rd.Actor, c.AgainstUSCC, complaint.Status(c.Status)) {
		return ComplaintCase{}, domain.NotFound("id", "complaint_not_known", "complaint %s is not known", id)
	}
	return q.redact(rd, c), nil
}

// List is a page of the cases rd's actor may see that match f, as of now.
func (q *Complaints) List(ctx context.Context, rd Read, f ComplaintFilter, now time.Time) (ComplaintPage, error) {
	if err := q.await(ctx, rd); err != nil {
		return ComplaintPage{}, err
	}
	if f.Overdue != "" && f.Overdue != "any" && f.Overdue != complaint.OverdueAcceptance && f.Overdue != complaint.OverdueConclusion {
		return ComplaintPage{}, domain.Invalid("overdue", "want_any_acceptance_or_conclusion", "%q: want any, acceptance or conclusion", f.Overdue)
	}
	if f.Status != "" && !knownStatus(f.Status) {
		return ComplaintPage{}, domain.Invalid("status", "not_case_status", "%q is not a case status", f.Status)
	}
	pg := q.model.List(f, now, func(c ComplaintCase) bool {
		return complaint.Visible(rd.Actor, c.AgainstUSCC, complaint.Status(c.Status))
	})
	for i, c := range pg.Complaints {
		pg.Complaints[i] = q.redact(rd, c)
	}
	return pg, nil
}

// redact drops what rd's actor may not read of a case it may see.
func (q *Complaints) redact(rd Read, c ComplaintCase) ComplaintCase {
	if !complaint.SeesContact(rd.Actor) {
		c.Contact = ""
	}
	return c
}

func knownStatus(s string) bool {
	for _, k := range complaint.Statuses {
		if string(k) == s {
			return true
		}
	}
	return false
}

// PublicComplaintStatus is what the consumer who filed a case sees with
// its number and follow-up code: where the case is, its deadlines, the
// dates of its steps and how it ended. Nothing personal (no contact, no
// description), no enterprise named and none of the enterprise's or the
// investigation's own words: only what the regulator tells the consumer —
// the outcome of a conclusion, the reason of a refusal or transfer and the
// authority a case went to.
type PublicComplaintStatus struct {
	ComplaintID   string                `json:"complaint_id"`
	Status        string                `json:"status"`
	Overdue       string                `json:"overdue,omitempty"`
	FiledAt       time.Time             `json:"filed_at"`
	AcceptBy      string                `json:"accept_by,omitempty"`
	AcceptedAt    *time.Time            `json:"accepted_at,omitempty"`
	ConcludeBy    string                `json:"conclude_by,omitempty"`
	ClosedAt      *time.Time            `json:"closed_at,omitempty"`
	Steps         []PublicComplaintStep `json:"steps"`
	Substantiated *bool                 `json:"substantiated,omitempty"`
	Conclusion    string                `json:"conclusion,omitempty"`
	Authority     string                `json:"authority,omitempty"`
}

// PublicComplaintStep is one step of a case as the public status shows it:
// what happened (filed, accepted, refused, investigation_started, answered,
// resolved, transferred) and when, without its text.
type PublicComplaintStep struct {
	Step string    `json:"step"`
	At   time.Time `json:"at"`
}

// PublicStatus is the status of case id for whoever holds its follow-up
// code, as of now. An unknown case, a case without a code and a wrong code
// answer the same not-found, with the same words.
func (q *Complaints) PublicStatus(ctx context.Context, rd Read, id, code string, now time.Time) (PublicComplaintStatus, error) {
	if err := q.await(ctx, rd); err != nil {
		return PublicComplaintStatus{}, err
	}
	c, ok := q.model.Case(id, now)
	if !complaint.FollowUpMatches(c.FollowUpHash, code) || !ok {
		return PublicComplaintStatus{}, domain.NotFound("id", "no_complaint_matches_this_number", "no complaint matches this number and follow-up code")
	}
	out := PublicComplaintStatus{ComplaintID: c.ComplaintID, Status: c.Status, Overdue: c.Overdue, FiledAt: c.FiledAt, AcceptBy: c.AcceptBy,
		AcceptedAt: c.AcceptedAt, ConcludeBy: c.ConcludeBy, ClosedAt: c.ClosedAt, Steps: make([]PublicComplaintStep, len(c.Timeline))}
	for i, s := range c.Timeline {
		out.Steps[i] = PublicComplaintStep{Step: publicStep(s.Type), At: s.At}
	}
	switch complaint.Status(c.Status) {
	case complaint.StatusResolved, complaint.StatusMediated:
		out.Substantiated, out.Conclusion = c.Substantiated, c.Outcome
	case complaint.StatusRefused:
		out.Conclusion = c.Reason
	case complaint.StatusTransferred:
		out.Conclusion, out.Authority = c.Reason, c.Authority
	}
	return out, nil
}

// publicStep names a step by its event type without the aggregate and the
// version: complaint.accepted.v1 is accepted.
func publicStep(eventType string) string {
	s := strings.TrimPrefix(eventType, "complaint.")
	if i := strings.LastIndex(s, "."); i >= 0 {
		s = s[:i]
	}
	return s
}
