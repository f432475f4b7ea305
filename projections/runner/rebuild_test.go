package runner_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/projections/runner"
)

// failsAt is a projection whose Apply fails once it reaches a position.
type failsAt struct {
	seen
	at uint64
}

func (f *failsAt) Name() string { return "failing" }
func (f *failsAt) Apply(b []runner.Envelope) error {
	if b[len(b)-1].Position >= f.at {
		return errors.New("broken")
	}
	return f.seen.Apply(b)
}

// The projections of a rebuild fold side by side: each still gets every
// event once, in log order, over pages of several thousand events.
func TestARebuildGivesEveryProjectionEveryEventInOrder(t *testing.T) {
	store := open(t, t.TempDir())
	defer store.Close()
	appendN(t, store, "s", 5000)
	models := []*seen{{}, {}, {}, {}, {}}
	ps := make([]runner.Projection, len(models))
	for i, m := range models {
		ps[i] = m
	}
	var last uint64
	res, err := runner.Rebuild(t.Context(), store, "", func(done, head uint64) {
		if done < last || done > head {
			t.Errorf("progress went from %d to %d (head %d)", last, done, head)
		}
		last = done
	}, ps...)
	if err != nil {
		t.Fatal(err)
	}
	if res.Events != 5000 || last != 5000 {
		t.Fatalf("rebuilt %d events, progress ended at %d; want 5000", res.Events, last)
	}
	for _, m := range models {
		m.check(t, 5000)
	}
}

// A projection that fails stops the rebuild with its name and the position
// it had reached, whatever the others are doing.
func TestARebuildStopsAtAFailingProjection(t *testing.T) {
	store := open(t, t.TempDir())
	defer store.Close()
	appendN(t, store, "s", 5000)
	_, err := runner.Rebuild(t.Context(), store, "", nil, &seen{}, &failsAt{at: 4500}, &seen{})
	if err == nil || !strings.Contains(err.Error(), "projection failing after 4096: broken") {
		t.Fatalf("rebuild error = %v", err)
	}
}
