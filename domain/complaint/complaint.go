// Package complaint is the 12315 consumer complaint case: filed against an
// enterprise about a product, batch or item (by a regulator, or by a
// consumer through the public intake), accepted or refused within 7
// working days, investigated, then mediated, resolved (substantiated or
// not) or transferred to another authority within 45 working days of
// acceptance. The enterprise concerned may answer it while it is open.
package complaint

import (
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
)

// Complaint is one case.
type Complaint struct {
	aggregate.Root
	f          Filed
	status     Status
	concludeBy string
}

// Stream is the complaint's stream name.
func Stream(id string) string { return "complaint-" + id }

// Decoders decode the stored events of this aggregate, for its fold and for
// projections.
var Decoders = aggregate.Decoders{
	TypeFiled:                aggregate.As[Filed](),
	TypeContactRecorded:      aggregate.As[ContactRecorded](),
	TypeAccepted:             aggregate.As[Accepted](),
	TypeRefused:              aggregate.As[Refused](),
	TypeInvestigationStarted: aggregate.As[InvestigationStarted](),
	TypeAnswered:             aggregate.As[Answered](),
	TypeResolved:             aggregate.As[Resolved](),
	TypeTransferred:          aggregate.As[Transferred](),
}

// Load rebuilds a complaint from its stream.
func Load(recs []event.Record) (*Complaint, error) {
	c := &Complaint{}
	return c, aggregate.Replay("complaint", recs, Decoders, &c.Root, c.apply)
}

// Against is the USCC of the enterprise concerned.
func (c *Complaint) Against() string { return c.f.AgainstUSCC }

// Status is where the case is now ("" when it was never filed).
func (c *Complaint) Status() Status { return c.status }

// File takes the complaint in once, at now; contact, when given (the
// public intake requires one), is recorded beside it as personal data.
func (c *Complaint) File(f Filed, contact string, now time.Time) error {
	if c.f.ComplaintID != "" {
		return domain.Conflict("complaint_already_exists", "complaint %s already exists", f.ComplaintID)
	}
	if f.Severity < 1 || f.Severity > 3 {
		return domain.Invalid("severity", "must_1_2_or_3", "must be 1, 2 or 3")
	}
	if strings.TrimSpace(f.Category) == "" {
		return domain.Invalid("category", "required", "is required")
	}
	if strings.TrimSpace(f.Channel) == "" {
		return domain.Invalid("channel", "required", "is required")
	}
	switch f.FiledBy {
	case ByRegulator:
	case ByConsumer:
		if strings.TrimSpace(contact) == "" {
			return domain.Invalid("contact", "required_regulator_must_able_reach", "is required: the regulator must be able to reach you")
		}
		if strings.TrimSpace(f.Description) == "" {
			return domain.Invalid("description", "required_say_what_wrong", "is required: say what is wrong")
		}
	default:
		return domain.Invalid("filed_by", "must_or", "must be %s or %s", ByRegulator, ByConsumer)
	}
	if f.FollowUpHash != "" && len(f.FollowUpHash) != 64 {
		return domain.Invalid("follow_up_hash", "must_hex_sha_256_never", "must be a hex SHA-256, never the code itself")
	}
	f.AcceptBy = AcceptBy(now).Format(time.RFC3339)
	c.Raise(f, c.apply)
	if strings.TrimSpace(contact) != "" {
		c.Raise(ContactRecorded{ComplaintID: f.ComplaintID, AgainstUSCC: f.AgainstUSCC, Contact: contact}, c.apply)
	}
	return nil
}

// Accept takes the case on at now, setting its conclusion deadline.
func (c *Complaint) Accept(now time.Time) error {
	if err := c.mustBe("accept", StatusFiled); err != nil {
		return err
	}
	c.Raise(Accepted{ComplaintID: c.f.ComplaintID, AgainstUSCC: c.f.AgainstUSCC,
		ConcludeBy: ConcludeBy(now).Format(time.RFC3339), Late: late(c.f.AcceptBy, now)}, c.apply)
	return nil
}

// Refuse declines the case, with a reason, at now.
func (c *Complaint) Refuse(reason string, now time.Time) error {
	if err := c.mustBe("refuse", StatusFiled); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return domain.Invalid("reason", "required_consumer_told_why", "is required: the consumer is told why")
	}
	c.Raise(Refused{ComplaintID: c.f.ComplaintID, AgainstUSCC: c.f.AgainstUSCC, Reason: reason, Late: late(c.f.AcceptBy, now)}, c.apply)
	return nil
}

// Investigate starts the investigation of an accepted case.
func (c *Complaint) Investigate(note string) error {
	if err := c.mustBe("investigate", StatusAccepted); err != nil {
		return err
	}
	c.Raise(InvestigationStarted{ComplaintID: c.f.ComplaintID, AgainstUSCC: c.f.AgainstUSCC, Note: note}, c.apply)
	return nil
}

// Answer records the enterprise's account of an open, accepted case.
func (c *Complaint) Answer(answer string) error {
	if err := c.mustBe("answer", StatusAccepted, StatusInvestigating); err != nil {
		return err
	}
	if strings.TrimSpace(answer) == "" {
		return domain.Invalid("answer", "required", "is required")
	}
	c.Raise(Answered{ComplaintID: c.f.ComplaintID, AgainstUSCC: c.f.AgainstUSCC, Answer: answer}, c.apply)
	return nil
}

// Conclude ends an investigated case as mediated or resolved, substantiated
// or not, at now.
func (c *Complaint) Conclude(conclusion string, substantiated bool, outcome string, now time.Time) error {
	if err := c.mustBe("conclude", StatusInvestigating); err != nil {
		return err
	}
	if conclusion != ConclusionResolved && conclusion != ConclusionMediated {
		return domain.Invalid("conclusion", "must_or", "must be %s or %s", ConclusionResolved, ConclusionMediated)
	}
	if strings.TrimSpace(outcome) == "" {
		return domain.Invalid("outcome", "required", "is required")
	}
	c.Raise(Resolved{ComplaintID: c.f.ComplaintID, AgainstUSCC: c.f.AgainstUSCC, Substantiated: substantiated, Outcome: outcome,
		Conclusion: conclusion, Late: late(c.concludeBy, now)}, c.apply)
	return nil
}

// Transfer hands an accepted case to another authority, at now.
func (c *Complaint) Transfer(authority, reason string, now time.Time) error {
	if err := c.mustBe("transfer", StatusAccepted, StatusInvestigating); err != nil {
		return err
	}
	if strings.TrimSpace(authority) == "" {
		return domain.Invalid("authority", "required", "is required")
	}
	if strings.TrimSpace(reason) == "" {
		return domain.Invalid("reason", "required", "is required")
	}
	c.Raise(Transferred{ComplaintID: c.f.ComplaintID, AgainstUSCC: c.f.AgainstUSCC, Authority: authority, Reason: reason,
		Late: late(c.concludeBy, now)}, c.apply)
	return nil
}

// mustBe refuses a step the case's status does not allow.
func (c *Complaint) mustBe(verb string, allowed ...Status) error {
	if c.f.ComplaintID == "" {
		return domain.NotFound("id", "complaint_not_known_2", "complaint is not known")
	}
	for _, s := range allowed {
		if c.status == s {
			return nil
		}
	}
	return domain.Conflict("cannot_complaint", "cannot %s complaint %s: it is %s", verb, c.f.ComplaintID, c.status)
}

// late reports whether now is past deadline (RFC 3339; "" is no deadline).
func late(deadline string, now time.Time) bool {
	t, err := time.Parse(time.RFC3339, deadline)
	return err == nil && now.After(t)
}

func (c *Complaint) apply(ev event.Event) {
	switch ev := ev.(type) {
	case Filed:
		c.f, c.status = ev, StatusFiled
	case Accepted:
		c.status, c.concludeBy = StatusAccepted, ev.ConcludeBy
	case Refused:
		c.status = StatusRefused
	case InvestigationStarted:
		c.status = StatusInvestigating
	case Resolved:
		c.status = Status(ConclusionOf(ev))
	case Transferred:
		c.status = StatusTransferred
	}
}
