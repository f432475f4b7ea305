package demo_test

import (
	"testing"

	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/catalog"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/projections/complaintlist"
	"github.com/traceledger/traceledger/projections/runner"
)

// The demo's complaint cases are in every status, some overdue at its
// today, some filed by consumers through the public intake, and the
// summary counts them as the case list does.
func TestDemoComplaintCasesAreInEveryStatusSomeOverdue(t *testing.T) {
	sum, recs := run(t, demo.Options{Items: 500, Seed: 1, Workers: 8})
	cl := complaintlist.New()
	envs := make([]runner.Envelope, 0, len(recs))
	for _, r := range recs {
		ev, err := catalog.Events.Decode(r)
		if err != nil {
			t.Fatal(err)
		}
		envs = append(envs, runner.Envelope{Record: r, Event: ev})
	}
	if err := cl.Apply(envs); err != nil {
		t.Fatal(err)
	}
	pg := cl.List(query.ComplaintFilter{Limit: 1000}, now, nil)
	states, overdue, public := map[string]int{}, map[string]int{}, 0
	for _, c := range pg.Complaints {
		states[c.Status]++
		if c.Overdue != "" {
			overdue[c.Overdue]++
		}
		if c.FiledBy == complaint.ByConsumer {
			public++
		}
	}
	for _, s := range complaint.Statuses {
		if states[string(s)] == 0 {
			t.Errorf("no case is %s: %v", s, states)
		}
		if states[string(s)] != sum.ComplaintCases[string(s)] {
			t.Errorf("%s: summary says %d, the case list %d", s, sum.ComplaintCases[string(s)], states[string(s)])
		}
	}
	if overdue[complaint.OverdueAcceptance] == 0 || overdue[complaint.OverdueConclusion] == 0 {
		t.Errorf("overdue cases %v: want some of each", overdue)
	}
	if public == 0 || public != sum.ComplaintCases["public_intake"] {
		t.Errorf("%d cases from the public intake, summary %d", public, sum.ComplaintCases["public_intake"])
	}
	t.Logf("cases %v, overdue %v, public %d", states, overdue, public)
}
