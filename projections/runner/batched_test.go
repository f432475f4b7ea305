package runner_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

// batched is a projection that asks for batches of size envelopes and
// records the largest it was given.
type batched struct {
	seen
	size, largest int
}

func (b *batched) BatchSize() int { return b.size }
func (b *batched) Apply(envs []runner.Envelope) error {
	b.largest = max(b.largest, len(envs))
	return b.seen.Apply(envs)
}

// appendMany appends n events in writes of a thousand.
func appendMany(t *testing.T, store event.Store, n int) {
	t.Helper()
	for done := 0; done < n; {
		w := event.Write{Stream: fmt.Sprintf("s%d", done), Expected: event.Any}
		for i := done; i < min(n, done+1000); i++ {
			w.Events = append(w.Events, event.Pending{ID: uuid.New(), Type: "test.appended.v1", Data: json.RawMessage(fmt.Sprintf(`{"i":%d}`, i))})
		}
		if _, err := store.Append(t.Context(), w); err != nil {
			t.Fatal(err)
		}
		done += len(w.Events)
	}
}

// A projection that asks for larger batches gets them from a rebuild, and
// still every event once, in order; rebuilt beside one that asks for none,
// both get the default size.
func TestAProjectionThatAsksForLargerBatchesGetsThem(t *testing.T) {
	store := open(t, t.TempDir())
	defer store.Close()
	appendMany(t, store, 10_000)

	alone := &batched{size: 6000}
	if _, err := runner.Rebuild(t.Context(), store, "", nil, alone); err != nil {
		t.Fatal(err)
	}
	alone.check(t, 10_000)
	if alone.largest != 6000 {
		t.Errorf("rebuilt alone, its largest batch was %d, want 6000", alone.largest)
	}

	beside, plain := &batched{size: 6000}, &seen{}
	if _, err := runner.Rebuild(t.Context(), store, "", nil, beside, plain); err != nil {
		t.Fatal(err)
	}
	beside.check(t, 10_000)
	plain.check(t, 10_000)
	if beside.largest != 4096 {
		t.Errorf("rebuilt beside a projection that asks for none, its largest batch was %d, want 4096", beside.largest)
	}

}
