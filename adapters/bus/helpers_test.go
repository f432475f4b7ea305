package bus_test

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/event"
)

// appendN appends n events of two categories, one per append.
func appendN(t *testing.T, store event.Store, n int) {
	t.Helper()
	for i := range n {
		typ := "batch.produced.v1"
		if i%3 == 0 {
			typ = "recall.started.v1"
		}
		p := event.Pending{ID: uuid.New(), Type: typ, Data: json.RawMessage(fmt.Sprintf(`{"i":%d}`, i)),
			Metadata: event.Metadata{OccurredAt: time.Now()}}
		if _, err := store.Append(t.Context(), event.Write{Stream: fmt.Sprintf("s-%d", i%7), Expected: event.Any, Events: []event.Pending{p}}); err != nil {
			t.Fatal(err)
		}
	}
}

// eventually polls cond every 20ms until it holds or d passes.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %s: %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// seen collects message UUIDs as a consumer receives them.
type seen struct {
	mu    sync.Mutex
	ids   map[string]int
	order []uint64
}

func newSeen() *seen { return &seen{ids: map[string]int{}} }

func (s *seen) add(id string, pos uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ids[id]++
	s.order = append(s.order, pos)
}

func (s *seen) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.order)
}
