package complaint_test

import (
	"testing"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/event"
)

func TestComplaint(t *testing.T) {
	filed := complaint.Filed{ComplaintID: "c1", GTIN: "12312312312333", AgainstUSCC: "X", Category: "quality", Severity: 2, Channel: "12315"}
	cases := []Case[*complaint.Complaint]{
		When("file", nil, func(c *complaint.Complaint) error { return c.File(filed) }, nil, []event.Event{filed}),
		When("severity 1 to 3", nil, func(c *complaint.Complaint) error { f := filed; f.Severity = 4; return c.File(f) }, domain.ErrInvalid, nil),
		When("resolve substantiated", []event.Event{filed}, func(c *complaint.Complaint) error { return c.Resolve(true, "refund") }, nil,
			[]event.Event{complaint.Resolved{ComplaintID: "c1", AgainstUSCC: "X", Substantiated: true, Outcome: "refund"}}),
		When("resolved once", []event.Event{filed, complaint.Resolved{ComplaintID: "c1", AgainstUSCC: "X", Outcome: "no"}}, func(c *complaint.Complaint) error { return c.Resolve(true, "x") }, domain.ErrConflict, nil),
		When("unknown complaint", nil, func(c *complaint.Complaint) error { return c.Resolve(true, "x") }, domain.ErrNotFound, nil),
	}
	Run(t, complaint.Load, "complaint-c1", cases)
}
