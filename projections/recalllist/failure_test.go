package recalllist_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/runner"
)

var errUnits = errors.New("trace store unreachable")

// brokenUnits is a unit source whose store fails.
type brokenUnits struct{}

func (brokenUnits) Tallies(context.Context, string, string) ([]batch.Tally, bool, error) {
	return nil, false, errUnits
}

// containersOnly fails reading containers but answers tallies.
type containersOnly struct{}

func (containersOnly) Tallies(context.Context, string, string) ([]batch.Tally, bool, error) {
	return []batch.Tally{{USCC: own, InStock: 1}}, true, nil
}
func (containersOnly) Containers(context.Context, string, string) (map[string][]string, error) {
	return nil, errUnits
}

func TestAListWhoseUnitsFailToReadIsAnErrorNotAnEmptyOrUnknownRecall(t *testing.T) {
	for _, c := range []struct {
		name  string
		units recalllist.Units
	}{
		{"the tallies fail", brokenUnits{}},
		{"the containers fail", containersOnly{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rl := recalllist.New(c.units)
			started := recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: gtin, Lot: lot}}, Level: 1, Reason: "salmonella",
				InitiatedByUSCC: own, StartBy: t0.Add(34 * time.Hour).Format(time.RFC3339), CompleteBy: t0.Add(14 * 24 * time.Hour).Format(time.RFC3339)}
			envs := make([]runner.Envelope, 1)
			envs[0].Event, envs[0].Position, envs[0].Type = started, 1, started.EventType()
			envs[0].Metadata.OccurredAt = t0
			if err := rl.Apply(envs); err != nil {
				t.Fatal(err)
			}
			if _, err := rl.Get(t.Context(), "r1", t0, directory); !errors.Is(err, errUnits) || errors.Is(err, domain.ErrNotFound) {
				t.Errorf("a recall's list: %v; want the units' failure, not an unknown recall", err)
			}
			if all, err := rl.All(t.Context(), t0, directory); !errors.Is(err, errUnits) {
				t.Errorf("every recall: %d lists, %v; want the units' failure", len(all), err)
			}
			if page, _, err := rl.Inbox(t.Context(), ret1, t0, directory, 0, 10); !errors.Is(err, errUnits) {
				t.Errorf("an inbox: %d notices, %v; want the units' failure, not an empty inbox", len(page), err)
			}
		})
	}
}
