package kurrentdb

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// memLeases is the compare-and-set primitive in memory, with KurrentDB's
// semantics: append only at the expected revision.
type memLeases struct {
	mu      sync.Mutex
	streams map[string][]Lease
}

func (m *memLeases) Last(_ context.Context, stream string) (Lease, uint64, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	ls := m.streams[stream]
	if len(ls) == 0 {
		return Lease{}, 0, false, nil
	}
	return ls[len(ls)-1], uint64(len(ls) - 1), true, nil
}

func (m *memLeases) Put(_ context.Context, stream string, l Lease, rev uint64, exists bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	ls := m.streams[stream]
	if (!exists && len(ls) != 0) || (exists && uint64(len(ls)) != rev+1) {
		return ErrLeaseTaken
	}
	if m.streams == nil {
		m.streams = map[string][]Lease{}
	}
	m.streams[stream] = append(ls, l)
	return nil
}

func TestElectionOneHolderAndTakeover(t *testing.T) {
	store := &memLeases{}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	a := NewElector(store, "sink", "a", 30*time.Second)
	b := NewElector(store, "sink", "b", 30*time.Second)
	a.now, b.now = clock, clock
	steps := []struct {
		name    string
		advance time.Duration
		who     *Elector
		held    bool
		term    uint64
	}{
		{"AWinsEmpty", 0, a, true, 1},
		{"BLosesWhileHeld", time.Second, b, false, 1},
		{"ARenews", 9 * time.Second, a, true, 1},
		{"BStillLoses", 20 * time.Second, b, false, 1},
		{"BTakesOverLapsed", 11 * time.Second, b, true, 2},
		{"ALosesToB", time.Second, a, false, 2},
	}
	for _, st := range steps {
		now = now.Add(st.advance)
		held, until, err := st.who.Try(t.Context())
		if err != nil || held != st.held {
			t.Fatalf("%s: held %v err %v, want %v", st.name, held, err, st.held)
		}
		if held && !until.Equal(now.Add(20*time.Second)) {
			t.Fatalf("%s: believes until %v, want now+2/3 TTL", st.name, until)
		}
		if l, _, _, _ := store.Last(t.Context(), "traceledger-lease-sink"); l.Term != st.term {
			t.Fatalf("%s: term %d, want %d", st.name, l.Term, st.term)
		}
	}
}

// TestElectionRacers has many electors race for a free lease at one instant:
// the compare-and-set lets exactly one win.
func TestElectionRacers(t *testing.T) {
	store := &memLeases{}
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range 16 {
		e := NewElector(store, "fwd", string(rune('a'+i)), time.Minute)
		wg.Go(func() {
			if held, _, err := e.Try(t.Context()); err == nil && held {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d winners, want 1", wins.Load())
	}
}

// TestRunOneActiveWorker runs two replicas' electors with real time: at any
// moment at most one runs the work, and when the holder stops the other
// takes over after the lease lapses.
func TestRunOneActiveWorker(t *testing.T) {
	store := &memLeases{}
	// Long enough that a loaded machine renews in time: the test is about
	// exclusion, not about speed.
	const ttl = time.Second
	var active, maxActive, started atomic.Int32
	work := func(ctx context.Context) error {
		started.Add(1)
		n := active.Add(1)
		for m := maxActive.Load(); n > m && !maxActive.CompareAndSwap(m, n); m = maxActive.Load() {
		}
		<-ctx.Done()
		active.Add(-1)
		return ctx.Err()
	}
	ctxA, stopA := context.WithCancel(t.Context())
	doneA := make(chan struct{})
	go func() { defer close(doneA); _ = NewElector(store, "sink", "a", ttl).Run(ctxA, work) }()
	time.Sleep(ttl / 2)
	ctxB, stopB := context.WithCancel(t.Context())
	defer stopB()
	go func() { _ = NewElector(store, "sink", "b", ttl).Run(ctxB, work) }()
	time.Sleep(3 * ttl)
	if started.Load() != 1 || active.Load() != 1 {
		t.Fatalf("started %d, active %d: want one worker", started.Load(), active.Load())
	}
	stopA()
	<-doneA
	deadline := time.Now().Add(5 * ttl)
	for started.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if started.Load() != 2 || maxActive.Load() != 1 {
		t.Fatalf("started %d, max active %d: want B to take over, never two at once", started.Load(), maxActive.Load())
	}
}
