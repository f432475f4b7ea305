package complaint

import (
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// Status is where a case is.
type Status string

// The statuses of a case. Mediated and resolved are the two conclusions.
const (
	StatusFiled         Status = "filed"
	StatusAccepted      Status = "accepted"
	StatusRefused       Status = "refused"
	StatusInvestigating Status = "investigating"
	StatusMediated      Status = Status(ConclusionMediated)
	StatusResolved      Status = Status(ConclusionResolved)
	StatusTransferred   Status = "transferred"
)

// Statuses lists every status, in the order a case moves through them.
var Statuses = []Status{StatusFiled, StatusAccepted, StatusRefused, StatusInvestigating, StatusMediated, StatusResolved, StatusTransferred}

// Open reports whether the case still waits for a step of the regulator.
func (s Status) Open() bool {
	return s == StatusFiled || s == StatusAccepted || s == StatusInvestigating
}

// Visible decides whether a may see a case against the enterprise against
// in status: overseers see every case; the enterprise concerned sees its
// own, whatever the status (its history lists the filing too, and an
// enterprise that knows early settles early); nobody else sees it at all.
// It answers only once the case is accepted (Complaint.Answer).
func Visible(a access.Actor, against string, _ Status) bool {
	if a.Oversees() {
		return true
	}
	uscc, only := a.OwnOnly()
	return only && uscc == against
}

// SeesContact decides whether a may read the consumer's contact: only
// regulators, who must reach the consumer; analysts and enterprises never.
func SeesContact(a access.Actor) bool { return a.Role == access.RoleRegulator }

// MayAnswer allows enterprises only: the answer is the enterprise
// concerned's own account (which case is its own, Visible decides).
func MayAnswer(a access.Actor) error {
	if !a.IsEnterprise() {
		return domain.Forbidden("", "only_enterprise_concerned_answers_complaint", "only the enterprise concerned answers a complaint")
	}
	return nil
}
