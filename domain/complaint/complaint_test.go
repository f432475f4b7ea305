package complaint_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/event"
)

// filedAt is a Monday; 7 working days later is the next Wednesday.
var filedAt = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func TestComplaintCaseMovesThroughItsSteps(t *testing.T) {
	filed := complaint.Filed{ComplaintID: "c1", GTIN: "12312312312333", AgainstUSCC: "X", Category: "quality", Severity: 2, Channel: "12315",
		FiledBy: complaint.ByRegulator, AcceptBy: "2026-11-11T09:00:00Z"}
	in := filed
	in.AcceptBy = ""
	consumer := in
	consumer.FiledBy, consumer.Channel, consumer.Description = complaint.ByConsumer, "web", "mould inside"
	consumerFiled := consumer
	consumerFiled.AcceptBy = filed.AcceptBy
	acceptedAt := filedAt.Add(24 * time.Hour)
	accepted := complaint.Accepted{ComplaintID: "c1", AgainstUSCC: "X", ConcludeBy: complaint.ConcludeBy(acceptedAt).Format(time.RFC3339)}
	investigating := complaint.InvestigationStarted{ComplaintID: "c1", AgainstUSCC: "X", Note: "sample sent to the lab"}
	tooLate := filedAt.AddDate(0, 0, 10)
	cases := []Case[*complaint.Complaint]{
		When("file with the acceptance deadline 7 working days on", nil, func(c *complaint.Complaint) error { return c.File(in, "", filedAt) }, nil, []event.Event{filed}),
		When("consumer files with a contact", nil, func(c *complaint.Complaint) error { return c.File(consumer, "138 0000 0000", filedAt) }, nil,
			[]event.Event{consumerFiled, complaint.ContactRecorded{ComplaintID: "c1", AgainstUSCC: "X", Contact: "138 0000 0000"}}),
		When("consumer must leave a contact", nil, func(c *complaint.Complaint) error { return c.File(consumer, " ", filedAt) }, domain.ErrInvalid, nil),
		When("consumer must say what is wrong", nil, func(c *complaint.Complaint) error { f := consumer; f.Description = ""; return c.File(f, "x", filedAt) }, domain.ErrInvalid, nil),
		When("severity 1 to 3", nil, func(c *complaint.Complaint) error { f := in; f.Severity = 4; return c.File(f, "", filedAt) }, domain.ErrInvalid, nil),
		When("filed once", []event.Event{filed}, func(c *complaint.Complaint) error { return c.File(in, "", filedAt) }, domain.ErrConflict, nil),
		When("accept sets the conclusion deadline", []event.Event{filed}, func(c *complaint.Complaint) error { return c.Accept(acceptedAt) }, nil, []event.Event{accepted}),
		When("accept after 7 working days is late", []event.Event{filed}, func(c *complaint.Complaint) error { return c.Accept(tooLate) }, nil,
			[]event.Event{complaint.Accepted{ComplaintID: "c1", AgainstUSCC: "X", ConcludeBy: complaint.ConcludeBy(tooLate).Format(time.RFC3339), Late: true}}),
		When("refuse with a reason", []event.Event{filed}, func(c *complaint.Complaint) error { return c.Refuse("not a consumer dispute", acceptedAt) }, nil,
			[]event.Event{complaint.Refused{ComplaintID: "c1", AgainstUSCC: "X", Reason: "not a consumer dispute"}}),
		When("refuse needs a reason", []event.Event{filed}, func(c *complaint.Complaint) error { return c.Refuse(" ", acceptedAt) }, domain.ErrInvalid, nil),
		When("refused case cannot be accepted", []event.Event{filed, complaint.Refused{ComplaintID: "c1", AgainstUSCC: "X", Reason: "r"}},
			func(c *complaint.Complaint) error { return c.Accept(acceptedAt) }, domain.ErrConflict, nil),
		When("investigate an accepted case", []event.Event{filed, accepted}, func(c *complaint.Complaint) error { return c.Investigate("sample sent to the lab") }, nil,
			[]event.Event{investigating}),
		When("investigate only once accepted", []event.Event{filed}, func(c *complaint.Complaint) error { return c.Investigate("") }, domain.ErrConflict, nil),
		When("enterprise answers an accepted case", []event.Event{filed, accepted}, func(c *complaint.Complaint) error { return c.Answer("we refunded") }, nil,
			[]event.Event{complaint.Answered{ComplaintID: "c1", AgainstUSCC: "X", Answer: "we refunded"}}),
		When("no answer before acceptance", []event.Event{filed}, func(c *complaint.Complaint) error { return c.Answer("x") }, domain.ErrConflict, nil),
		When("mediate an investigated case", []event.Event{filed, accepted, investigating},
			func(c *complaint.Complaint) error {
				return c.Conclude(complaint.ConclusionMediated, true, "refund", acceptedAt.AddDate(0, 0, 5))
			}, nil,
			[]event.Event{complaint.Resolved{ComplaintID: "c1", AgainstUSCC: "X", Substantiated: true, Outcome: "refund", Conclusion: complaint.ConclusionMediated}}),
		When("resolve after 45 working days is late", []event.Event{filed, accepted, investigating},
			func(c *complaint.Complaint) error {
				return c.Conclude(complaint.ConclusionResolved, false, "no fault", acceptedAt.AddDate(0, 3, 0))
			}, nil,
			[]event.Event{complaint.Resolved{ComplaintID: "c1", AgainstUSCC: "X", Outcome: "no fault", Conclusion: complaint.ConclusionResolved, Late: true}}),
		When("no conclusion before the investigation", []event.Event{filed, accepted},
			func(c *complaint.Complaint) error {
				return c.Conclude(complaint.ConclusionResolved, true, "x", acceptedAt)
			}, domain.ErrConflict, nil),
		When("conclusion is mediated or resolved", []event.Event{filed, accepted, investigating},
			func(c *complaint.Complaint) error { return c.Conclude("closed", true, "x", acceptedAt) }, domain.ErrInvalid, nil),
		When("concluded once", []event.Event{filed, accepted, investigating, complaint.Resolved{ComplaintID: "c1", AgainstUSCC: "X", Outcome: "no"}},
			func(c *complaint.Complaint) error {
				return c.Conclude(complaint.ConclusionResolved, true, "x", acceptedAt)
			}, domain.ErrConflict, nil),
		When("transfer an accepted case", []event.Event{filed, accepted},
			func(c *complaint.Complaint) error {
				return c.Transfer("Shanghai customs", "imported goods", acceptedAt)
			}, nil,
			[]event.Event{complaint.Transferred{ComplaintID: "c1", AgainstUSCC: "X", Authority: "Shanghai customs", Reason: "imported goods"}}),
		When("transfer names the authority", []event.Event{filed, accepted},
			func(c *complaint.Complaint) error { return c.Transfer("", "r", acceptedAt) }, domain.ErrInvalid, nil),
		When("no transfer before acceptance", []event.Event{filed},
			func(c *complaint.Complaint) error { return c.Transfer("a", "r", acceptedAt) }, domain.ErrConflict, nil),
		When("unknown complaint", nil, func(c *complaint.Complaint) error { return c.Accept(acceptedAt) }, domain.ErrNotFound, nil),
	}
	Run(t, complaint.Load, "complaint-c1", cases)
}

// A stream written before cases had steps (filed, then resolved) still
// reads as a resolved case.
func TestOldResolvedComplaintReadsAsResolved(t *testing.T) {
	c := Loaded(t, complaint.Load, "complaint-c1",
		complaint.Filed{ComplaintID: "c1", GTIN: "12312312312333", AgainstUSCC: "X", Category: "q", Severity: 1, Channel: "12315"},
		complaint.Resolved{ComplaintID: "c1", AgainstUSCC: "X", Substantiated: true, Outcome: "refund"})
	if c.Status() != complaint.StatusResolved {
		t.Fatalf("status %s, want resolved", c.Status())
	}
}

func TestComplaintDeadlinesCountChineseWorkingDays(t *testing.T) {
	cases := []struct {
		name string
		got  time.Time
		want string
	}{
		// Monday 2 Nov 2026 + 7 working days: Wednesday 11 Nov.
		{"accept by", complaint.AcceptBy(filedAt), "2026-11-11T09:00:00Z"},
		// Friday 25 Sep 2026 (Mid-Autumn, off) + 7 working days: 28, 29, 30
		// Sep, then National Day (1-7 Oct) is off, 8, 9 and the worked
		// Saturday 10 Oct, then Monday 12 Oct.
		{"accept by across National Day", complaint.AcceptBy(time.Date(2026, 9, 25, 9, 0, 0, 0, time.UTC)), "2026-10-12T09:00:00Z"},
		// Monday 2 Nov + 45 working days: 9 weeks later (2027 has no
		// calendar file yet, so Monday to Friday).
		{"conclude by", complaint.ConcludeBy(filedAt), "2027-01-04T09:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got.Format(time.RFC3339) != c.want {
				t.Fatalf("got %s, want %s", c.got.Format(time.RFC3339), c.want)
			}
		})
	}
}

func TestOverdueNamesTheMissedDeadline(t *testing.T) {
	by := "2026-11-11T09:00:00Z"
	after := time.Date(2026, 11, 12, 0, 0, 0, 0, time.UTC)
	before := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		status complaint.Status
		now    time.Time
		want   string
	}{
		{"filed past acceptance", complaint.StatusFiled, after, complaint.OverdueAcceptance},
		{"filed in time", complaint.StatusFiled, before, ""},
		{"accepted past conclusion", complaint.StatusAccepted, after, complaint.OverdueConclusion},
		{"investigating past conclusion", complaint.StatusInvestigating, after, complaint.OverdueConclusion},
		{"resolved is never overdue", complaint.StatusResolved, after, ""},
		{"refused is never overdue", complaint.StatusRefused, after, ""},
	}
	for _, c := range cases {
		if got := complaint.Overdue(c.status, by, by, c.now); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestOnlyTheEnterpriseConcernedSeesItsCases(t *testing.T) {
	reg := access.Actor{Role: access.RoleRegulator}
	analyst := access.Actor{Role: access.RoleAnalyst}
	own := access.Actor{Role: access.RoleEnterprise, USCC: "X"}
	other := access.Actor{Role: access.RoleEnterprise, USCC: "Y"}
	cases := []struct {
		name   string
		a      access.Actor
		status complaint.Status
		want   bool
	}{
		{"regulator sees a filed case", reg, complaint.StatusFiled, true},
		{"analyst sees a filed case", analyst, complaint.StatusFiled, true},
		{"enterprise sees its accepted case", own, complaint.StatusAccepted, true},
		{"enterprise sees its concluded case", own, complaint.StatusMediated, true},
		{"enterprise sees its case not yet accepted", own, complaint.StatusFiled, true},
		{"enterprise sees its refused case", own, complaint.StatusRefused, true},
		{"another enterprise sees nothing", other, complaint.StatusAccepted, false},
	}
	for _, c := range cases {
		if got := complaint.Visible(c.a, "X", c.status); got != c.want {
			t.Errorf("%s: got %v", c.name, got)
		}
	}
	if !complaint.SeesContact(reg) || complaint.SeesContact(analyst) || complaint.SeesContact(own) {
		t.Fatal("only regulators read the consumer's contact")
	}
}

func TestAFollowUpCodeOpensItsCaseWhateverTheCaseAndGroupingItIsTypedIn(t *testing.T) {
	hash := complaint.FollowUpHash("ABCD-EFGH-2345-6789")
	for _, code := range []string{"ABCD-EFGH-2345-6789", "abcd efgh 2345 6789", "ABCDEFGH23456789"} {
		if !complaint.FollowUpMatches(hash, code) {
			t.Errorf("%q does not open its case", code)
		}
	}
	for _, code := range []string{"", "ABCD-EFGH-2345-6788", hash} {
		if complaint.FollowUpMatches(hash, code) {
			t.Errorf("%q opens the case", code)
		}
	}
	if complaint.FollowUpMatches("", "") {
		t.Error("a case without a code is opened by an empty code")
	}
}
