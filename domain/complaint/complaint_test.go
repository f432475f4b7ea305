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
	cases := []struct {
		name    string
		given   []event.Event
		when    func(c *complaint.Complaint) error
		wantErr error
		want    []event.Event
	}{
		{"file", nil, func(c *complaint.Complaint) error { return c.File(filed) }, nil, []event.Event{filed}},
		{"severity 1 to 3", nil, func(c *complaint.Complaint) error { f := filed; f.Severity = 4; return c.File(f) }, domain.ErrInvalid, nil},
		{"resolve substantiated", []event.Event{filed}, func(c *complaint.Complaint) error { return c.Resolve(true, "refund") }, nil,
			[]event.Event{complaint.Resolved{ComplaintID: "c1", AgainstUSCC: "X", Substantiated: true, Outcome: "refund"}}},
		{"resolved once", []event.Event{filed, complaint.Resolved{ComplaintID: "c1", AgainstUSCC: "X", Outcome: "no"}}, func(c *complaint.Complaint) error { return c.Resolve(true, "x") }, domain.ErrConflict, nil},
		{"unknown complaint", nil, func(c *complaint.Complaint) error { return c.Resolve(true, "x") }, domain.ErrNotFound, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Loaded(t, complaint.Load, "complaint-c1", tc.given...)
			Then(t, c, tc.when(c), tc.wantErr, tc.want...)
		})
	}
}
