package recalllist_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/recalllist"
)

// TestThePublicNoticeAccountsForSoldUnits: once a regulator accepts the
// public notice, the units sold to consumers count as accounted for; the
// closed event's record is shown.
func TestThePublicNoticeAccountsForSoldUnits(t *testing.T) {
	m := recalled(t)
	m.feed(t, recall.PublicNoticeAccepted{RecallID: "r1", Sold: 11, Notice: "公告"})
	l := get(t, m, t0.Add(12*time.Hour))
	if want := (query.RecallProgress{Affected: 140, Accounted: 11, ByPublicNotice: 11, Outstanding: 129, Percent: 7.9}); l.Progress != want {
		t.Fatalf("progress %+v, want %+v", l.Progress, want)
	}
	if l.PublicNotice == nil || l.PublicNotice.Notice != "公告" || l.PublicNotice.Sold != 11 {
		t.Fatalf("public notice %+v", l.PublicNotice)
	}
	acc := recall.Accounting{Affected: 140, Returned: 100, Destroyed: 29, SoldByPublicNotice: 11}
	m.feed(t, recall.Closed{RecallID: "r1", Accounting: &acc})
	if l := get(t, m, t0.Add(12*time.Hour)); l.Accounting == nil || *l.Accounting != acc || l.Status != recalllist.StatusClosed {
		t.Fatalf("closed list %+v", l)
	}
}

// TestAnAcknowledgementMarksTheHolderNotified: the holder's row says it
// acknowledged the notice (and so was notified); the others do not.
func TestAnAcknowledgementMarksTheHolderNotified(t *testing.T) {
	m := recalled(t)
	m.feed(t, recall.NoticeAcknowledged{RecallID: "r1", HolderUSCC: ret1, Note: "已下架"})
	for _, r := range get(t, m, t0.Add(12*time.Hour)).Holders {
		mine := r.USCC == ret1
		if r.Acknowledged != mine || r.Notified != mine || (r.AcknowledgedAt != nil) != mine {
			t.Fatalf("row %+v", r)
		}
		if mine && r.AckNote != "已下架" {
			t.Fatalf("note %q", r.AckNote)
		}
	}
	// A recall past start_by that a holder acknowledged has visibly started.
	if l := get(t, m, t0.Add(40*time.Hour)); l.Status != recalllist.StatusOpen {
		t.Fatalf("status %s (%s), want open", l.Status, l.OverdueBy)
	}
}

func TestTheListShowsThePlan(t *testing.T) {
	m := newModels()
	m.feed(t, recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: gtin, Lot: lot}}, Level: 2, Reason: "x",
		Hazard: "沙门氏菌", HazardKnownAt: "2026-11-19T08:00:00Z", Scope: "全国", Measures: "停售", Contact: "400"})
	l := get(t, m, t0)
	if l.Hazard != "沙门氏菌" || l.HazardKnownAt != "2026-11-19T08:00:00Z" || l.Scope != "全国" || l.Measures != "停售" || l.Contact != "400" {
		t.Fatalf("plan %+v", l)
	}
}

// TestTheInboxPagesAHoldersOpenRecallNotices: a holder sees the open
// recalls it holds units of, its own row only, paged by position; the
// initiator and closed recalls are not in it.
func TestTheInboxPagesAHoldersOpenRecallNotices(t *testing.T) {
	m := recalled(t)
	r2 := recall.Started{RecallID: "r2", Batches: []recall.BatchKey{{GTIN: gtin, Lot: lot}}, Level: 3, Reason: "label", InitiatedByUSCC: own}
	r3 := r2
	r3.RecallID = "r3"
	m.feed(t, r2, r3, recall.NoticeAcknowledged{RecallID: "r2", HolderUSCC: ret1}, recall.Closed{RecallID: "r3"})
	page, next, err := m.rl.Inbox(t.Context(), ret1, t0, directory, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 1 || page[0].RecallID != "r1" || len(page[0].Holders) != 1 || page[0].Holders[0].USCC != ret1 || page[0].Acknowledged ||
		page[0].InitiatorName != "Owner" || next == 0 {
		t.Fatalf("first page %+v next %d", page, next)
	}
	page, next, err = m.rl.Inbox(t.Context(), ret1, t0, directory, next, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 1 || page[0].RecallID != "r2" || !page[0].Acknowledged || next != 0 {
		t.Fatalf("second page %+v next %d", page, next)
	}
	if page, _, err := m.rl.Inbox(t.Context(), own, t0, directory, 0, 10); err != nil || len(page) != 0 {
		t.Fatalf("the initiator's inbox %+v", page)
	}
	if page, _, err := m.rl.Inbox(t.Context(), "91310000MA1K00009X", t0, directory, 0, 10); err != nil || len(page) != 0 {
		t.Fatalf("a stranger's inbox %+v", page)
	}
}
