package demo_test

import (
	"testing"

	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/domain/recall"
)

// TestRecallsReachTheirHolders: every recall records its plan; holders
// acknowledge notices in their inboxes; the closed recall accounts for its
// units sold to consumers by the public notice and records how each unit
// was accounted for.
func TestRecallsReachTheirHolders(t *testing.T) {
	sum, recs := run(t, demo.Options{Items: 500, Seed: 1, Workers: 8})
	acks, notices, plans, reminders := 0, 0, 0, 0
	var closed []recall.Closed
	for _, r := range recs {
		switch r.Type {
		case recall.TypeStarted:
			if s := decode[recall.Started](t, r); s.Hazard != "" && s.HazardKnownAt != "" && s.Scope != "" && s.Measures != "" && s.Contact != "" {
				plans++
			}
		case recall.TypeNoticeAcknowledged:
			acks++
		case recall.TypePublicNoticeAccepted:
			notices++
		case recall.TypeHoldersReminded:
			reminders++
		case recall.TypeClosed:
			closed = append(closed, decode[recall.Closed](t, r))
		}
	}
	if plans != sum.Recalls || plans == 0 {
		t.Errorf("%d of %d recalls record their plan", plans, sum.Recalls)
	}
	if acks != sum.RecallAcks || acks < 2 {
		t.Errorf("acknowledgements: summary %d, ledger %d; want several", sum.RecallAcks, acks)
	}
	if notices != sum.PublicNotices || notices == 0 {
		t.Errorf("public notices: summary %d, ledger %d; want one", sum.PublicNotices, notices)
	}
	// The open recalls with holders yet to acknowledge remind them.
	if reminders != sum.RecallReminders || reminders == 0 {
		t.Errorf("reminders: summary %d, ledger %d; want some", sum.RecallReminders, reminders)
	}
	if len(closed) == 0 {
		t.Fatal("no closed recall")
	}
	for _, c := range closed {
		a := c.Accounting
		if a == nil || a.SoldByPublicNotice == 0 || a.Affected != a.Returned+a.Destroyed+a.SoldByPublicNotice {
			t.Errorf("closed recall %s accounts %+v; want its sold units accounted by the public notice", c.RecallID, a)
		}
	}
}
