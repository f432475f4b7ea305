package demo_test

import (
	"testing"

	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/risk"
	"github.com/traceledger/traceledger/projections/runner"
)

// The demo publishes a blacklist: the owner of the overdue level-2 recall
// is listed, the owner of the recall closed late was listed and de-listed,
// and the importer that started its own level-1 recall is not class 4.
func TestTheDemoPublishesABlacklist(t *testing.T) {
	_, recs := run(t, demo.Options{Items: 500, Seed: 1, Workers: 8})
	p := risk.New()
	envs := make([]runner.Envelope, 0, len(recs))
	voluntary := map[string]bool{}
	for _, r := range recs {
		e, err := runner.Decode(r)
		if err != nil {
			t.Fatal(err)
		}
		if s, ok := e.Event.(recall.Started); ok && s.Level == 1 && r.Metadata.ActorRole == "enterprise" {
			voluntary[s.InitiatedByUSCC] = true
		}
		envs = append(envs, e)
	}
	if err := p.Apply(envs); err != nil {
		t.Fatal(err)
	}
	if len(voluntary) == 0 {
		t.Fatal("the demo has no voluntary level-1 recall")
	}
	for u := range voluntary {
		if g, _ := p.Grade(u, now); g.Grade == 4 {
			t.Errorf("%s started its own level-1 recall and is class 4: %+v", g.Name, g.SeriousViolations)
		}
	}
	listed, delisted := map[string]bool{}, 0
	for _, c := range p.Blacklist(now) {
		if c.Listed {
			listed[c.USCC] = true
			if c.Reason != risk.ViolationOverdueRecall {
				t.Errorf("listing %+v: want an overdue recall", c)
			}
		} else {
			delete(listed, c.USCC)
			delisted++
		}
	}
	if len(listed) == 0 || delisted == 0 {
		t.Errorf("the demo lists %d enterprises now and de-listed %d; want at least one of each", len(listed), delisted)
	}
	for u := range listed {
		if g, _ := p.Grade(u, now); g.Grade != 4 {
			t.Errorf("%s is listed but graded %d", u, g.Grade)
		}
	}
}
