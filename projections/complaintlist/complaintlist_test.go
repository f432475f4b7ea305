package complaintlist_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/complaintlist"
	"github.com/traceledger/traceledger/projections/runner"
)

const (
	shopA = "91310000MA1K00001X"
	shopB = "91440000MA1K00002X"
	gtinA = "06901234567892"
	gtinB = "06901234567893"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC) // a Monday

type feeder struct {
	p   *complaintlist.Projection
	pos uint64
}

// feed applies events an hour apart from t0.
func (f *feeder) feed(t *testing.T, evs ...event.Event) {
	t.Helper()
	envs := make([]runner.Envelope, len(evs))
	for i, ev := range evs {
		f.pos++
		envs[i].Event, envs[i].Position, envs[i].Type = ev, f.pos, ev.EventType()
		envs[i].Metadata.OccurredAt = t0.Add(time.Duration(f.pos) * time.Hour)
	}
	if err := f.p.Apply(envs); err != nil {
		t.Fatal(err)
	}
}

func filed(id, against, gtin string) complaint.Filed {
	return complaint.Filed{ComplaintID: id, GTIN: gtin, AgainstUSCC: against, Category: "quality", Severity: 1, Channel: "web",
		FiledBy: complaint.ByConsumer, Description: "mould", AcceptBy: complaint.AcceptBy(t0).Format(time.RFC3339)}
}

// Five cases: c1 waits for acceptance, c2 is being investigated, c3 was
// mediated, c4 refused, c5 (an old event without deadlines) resolved.
func cases(t *testing.T) *complaintlist.Projection {
	f := &feeder{p: complaintlist.New()}
	concludeBy := complaint.ConcludeBy(t0).Format(time.RFC3339)
	f.feed(t,
		enterprise.Registered{USCC: shopA, Name: "Shop A", Region: "310000"},
		enterprise.Registered{USCC: shopB, Name: "Shop B", Region: "440000"},
		filed("c1", shopA, gtinA), complaint.ContactRecorded{ComplaintID: "c1", Contact: "138 0000 0001"},
		filed("c2", shopB, gtinA),
		complaint.Accepted{ComplaintID: "c2", AgainstUSCC: shopB, ConcludeBy: concludeBy},
		complaint.Answered{ComplaintID: "c2", AgainstUSCC: shopB, Answer: "we refunded"},
		complaint.InvestigationStarted{ComplaintID: "c2", AgainstUSCC: shopB, Note: "lab"},
		filed("c3", shopA, gtinB),
		complaint.Accepted{ComplaintID: "c3", AgainstUSCC: shopA, ConcludeBy: concludeBy},
		complaint.InvestigationStarted{ComplaintID: "c3", AgainstUSCC: shopA},
		complaint.Resolved{ComplaintID: "c3", AgainstUSCC: shopA, Substantiated: true, Outcome: "refund", Conclusion: complaint.ConclusionMediated},
		filed("c4", shopB, gtinB),
		complaint.Refused{ComplaintID: "c4", AgainstUSCC: shopB, Reason: "not a consumer dispute"},
		complaint.Filed{ComplaintID: "c5", GTIN: gtinA, AgainstUSCC: shopA, Category: "q", Severity: 2, Channel: "12315"},
		complaint.Resolved{ComplaintID: "c5", AgainstUSCC: shopA, Outcome: "no fault"},
	)
	return f.p
}

func ids(pg query.ComplaintPage) string {
	s := ""
	for _, c := range pg.Complaints {
		s += c.ComplaintID + ":" + c.Status + " "
	}
	return s
}

func TestTheCaseListFiltersByStatusEnterpriseProductRegionAndOverdue(t *testing.T) {
	p := cases(t)
	soon := t0.Add(48 * time.Hour)
	late := t0.AddDate(0, 0, 12) // past acceptance, not conclusion
	later := t0.AddDate(0, 4, 0) // past conclusion too
	cases := []struct {
		name string
		f    query.ComplaintFilter
		now  time.Time
		want string
	}{
		{"all", query.ComplaintFilter{}, soon, "c1:filed c2:investigating c3:mediated c4:refused c5:resolved "},
		{"status", query.ComplaintFilter{Status: "mediated"}, soon, "c3:mediated "},
		{"enterprise", query.ComplaintFilter{Enterprise: shopB}, soon, "c2:investigating c4:refused "},
		{"product", query.ComplaintFilter{GTIN: gtinB}, soon, "c3:mediated c4:refused "},
		{"region", query.ComplaintFilter{Region: "310000"}, soon, "c1:filed c3:mediated c5:resolved "},
		{"nothing overdue yet", query.ComplaintFilter{Overdue: "any"}, soon, ""},
		{"acceptance overdue", query.ComplaintFilter{Overdue: "acceptance"}, late, "c1:filed "},
		{"conclusion overdue", query.ComplaintFilter{Overdue: "conclusion"}, later, "c2:investigating "},
		{"any overdue", query.ComplaintFilter{Overdue: "any"}, later, "c1:filed c2:investigating "},
		{"first page", query.ComplaintFilter{Limit: 2}, soon, "c1:filed c2:investigating "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ids(p.List(c.f, c.now, nil)); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestTheCaseListPagesByFilingPosition(t *testing.T) {
	p := cases(t)
	first := p.List(query.ComplaintFilter{Limit: 2}, t0, nil)
	if first.Next == 0 {
		t.Fatal("a next position on a full page with more after it")
	}
	second := p.List(query.ComplaintFilter{Limit: 2, After: first.Next}, t0, nil)
	third := p.List(query.ComplaintFilter{Limit: 2, After: second.Next}, t0, nil)
	if got := ids(second) + "| " + ids(third); got != "c3:mediated c4:refused | c5:resolved " || third.Next != 0 {
		t.Fatalf("pages %q, last next %d", got, third.Next)
	}
}

func TestTheCaseDetailHasItsTimelineAndDeadlines(t *testing.T) {
	p := cases(t)
	c, ok := p.Case("c2", t0)
	if !ok {
		t.Fatal("c2 not found")
	}
	var types []string
	for _, s := range c.Timeline {
		types = append(types, s.Type)
	}
	want := []string{complaint.TypeFiled, complaint.TypeAccepted, complaint.TypeAnswered, complaint.TypeInvestigationStarted}
	if len(types) != len(want) || c.Timeline[2].Text != "we refunded" || c.AgainstName != "Shop B" || c.Region != "440000" ||
		c.AcceptedAt == nil || c.ConcludeBy == "" || c.Answers != 1 {
		t.Fatalf("case %+v timeline %v", c, types)
	}
	one, _ := p.Case("c1", t0)
	if one.Contact != "138 0000 0001" || len(one.Timeline) != 1 {
		t.Fatalf("c1 %+v: the model keeps the contact, never as a step", one)
	}
	if _, ok := p.Case("nope", t0); ok {
		t.Fatal("an unknown case is not found")
	}
}

func TestOverdueListsOpenCasesPastADeadline(t *testing.T) {
	p := cases(t)
	got := p.Overdue(t0.AddDate(0, 4, 0))
	if len(got) != 2 || got[0].Overdue != complaint.OverdueAcceptance || got[1].Overdue != complaint.OverdueConclusion {
		t.Fatalf("overdue %+v", got)
	}
}

// A consumer's case keeps the hash of its follow-up code, through a
// snapshot too, for the public status; the code itself is nowhere.
func TestACaseKeepsItsFollowUpHashThroughASnapshot(t *testing.T) {
	f := &feeder{p: complaintlist.New()}
	ev := filed("c1", shopA, gtinA)
	ev.FollowUpHash = complaint.FollowUpHash("ABCD-EFGH-2345-6789")
	f.feed(t, ev)
	var buf bytes.Buffer
	if err := f.p.Snapshot(&buf); err != nil {
		t.Fatal(err)
	}
	restored := complaintlist.New()
	if err := restored.Restore(&buf); err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]*complaintlist.Projection{"folded": f.p, "restored": restored} {
		c, ok := p.Case("c1", t0)
		if !ok || !complaint.FollowUpMatches(c.FollowUpHash, "abcd efgh 2345 6789") {
			t.Errorf("%s: case %+v does not open with its code", name, c)
		}
	}
}
