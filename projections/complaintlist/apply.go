package complaintlist

import (
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/projections/runner"
)

// apply folds one envelope into the list.
func (p *Projection) apply(env *runner.Envelope) {
	s := p.State()
	at := env.Metadata.OccurredAt.UnixNano()
	step := func(id, text string, late bool) *Case {
		c := s.Cases[id]
		if c != nil {
			c.Steps = append(c.Steps, Step{Type: env.Type, Position: env.Position, At: at, Text: text, Late: late})
		}
		return c
	}
	switch ev := env.Event.(type) {
	case enterprise.Registered:
		s.Enterprises[ev.USCC] = &Enterprise{Name: ev.Name, Region: ev.Region}
	case complaint.Filed:
		if s.Cases[ev.ComplaintID] != nil {
			return
		}
		by := ev.FiledBy
		if by == "" {
			by = complaint.ByRegulator
		}
		s.Cases[ev.ComplaintID] = &Case{ID: ev.ComplaintID, Position: env.Position, Status: string(complaint.StatusFiled), FiledBy: by,
			Channel: ev.Channel, Category: ev.Category, Severity: ev.Severity, Description: ev.Description, GTIN: ev.GTIN, Lot: ev.Lot,
			Serial: ev.Serial, Against: ev.AgainstUSCC, FiledAt: at, AcceptBy: ev.AcceptBy, Steps: []Step{}, FollowUpHash: ev.FollowUpHash}
		s.Order = append(s.Order, ev.ComplaintID)
		step(ev.ComplaintID, ev.Description, false)
	case complaint.ContactRecorded:
		// Personal data: kept for the regulator's detail, never a step.
		if c := s.Cases[ev.ComplaintID]; c != nil {
			c.Contact = ev.Contact
		}
	case complaint.Accepted:
		if c := step(ev.ComplaintID, "", ev.Late); c != nil {
			c.Status, c.AcceptedAt, c.ConcludeBy = string(complaint.StatusAccepted), at, ev.ConcludeBy
		}
	case complaint.Refused:
		if c := step(ev.ComplaintID, ev.Reason, ev.Late); c != nil {
			c.Status, c.ClosedAt, c.Reason = string(complaint.StatusRefused), at, ev.Reason
		}
	case complaint.InvestigationStarted:
		if c := step(ev.ComplaintID, ev.Note, false); c != nil {
			c.Status = string(complaint.StatusInvestigating)
		}
	case complaint.Answered:
		if c := step(ev.ComplaintID, ev.Answer, false); c != nil {
			c.Answers++
		}
	case complaint.Resolved:
		if c := step(ev.ComplaintID, ev.Outcome, ev.Late); c != nil {
			sub := ev.Substantiated
			c.Status, c.ClosedAt, c.Substantiated, c.Outcome = complaint.ConclusionOf(ev), at, &sub, ev.Outcome
		}
	case complaint.Transferred:
		if c := step(ev.ComplaintID, ev.Reason, ev.Late); c != nil {
			c.Status, c.ClosedAt, c.Reason, c.Authority = string(complaint.StatusTransferred), at, ev.Reason, ev.Authority
		}
	}
}
