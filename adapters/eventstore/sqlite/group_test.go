package sqlite

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

// gated opens a store whose writer waits for a value on the returned channel
// before each group.
func gated(t *testing.T) (*Store, chan<- struct{}) {
	gate := make(chan struct{})
	s, _ := openTemp(t, Options{gate: gate})
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { close(gate) }) }) // runs before the store's Close
	return s, gate
}

type result struct {
	recs []event.Record
	err  error
}

// queueAppends starts one Append per write list, in order, each queued before the
// next starts, and returns their results once the writer answers.
func queueAppends(t *testing.T, s *Store, ctxs []context.Context, appends ...[]event.Write) []chan result {
	t.Helper()
	out := make([]chan result, len(appends))
	for i, ws := range appends {
		ctx := t.Context()
		if ctxs != nil && ctxs[i] != nil {
			ctx = ctxs[i]
		}
		out[i] = make(chan result, 1)
		go func() {
			recs, err := s.Append(ctx, ws...)
			out[i] <- result{recs, err}
		}()
		deadline := time.Now().Add(5 * time.Second)
		for s.w.queue.len() != i+1 {
			if time.Now().After(deadline) {
				t.Fatalf("append %d never queued", i)
			}
			time.Sleep(time.Millisecond)
		}
	}
	return out
}

func wait(t *testing.T, ch chan result) result {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("append not answered")
		return result{}
	}
}

// TestGroupDecidesEachAppendOnItsOwn queues appends that succeed and fail in
// every way and has the writer take them as one group: each gets its own
// verdict, judged after the ones before it, and one transaction commits the
// successful ones.
func TestGroupDecidesEachAppendOnItsOwn(t *testing.T) {
	s, gate := gated(t)
	gate <- struct{}{}
	old := newPending(0)
	mustAppend(t, s, one("old", event.NoStream, old))

	a1, a2 := newPending(1), newPending(2)
	clash := a1
	clash.Data = []byte(`{"other": true}`)
	res := queueAppends(t, s, nil,
		[]event.Write{one("a", event.NoStream, a1)},                                                       // 0 ok: a v1
		[]event.Write{one("a", event.Exact(1), a2)},                                                       // 1 ok: sees 0's write
		[]event.Write{one("a", event.Exact(1), newPending(3))},                                            // 2 conflict: a is at 2
		[]event.Write{one("a", event.NoStream, a1)},                                                       // 3 repeat of 0, same group
		[]event.Write{one("b", event.Any, clash)},                                                         // 4 duplicate id of 0
		[]event.Write{one("old", event.NoStream, old)},                                                    // 5 repeat of a stored event
		[]event.Write{one("old", event.Any, old, newPending(4))},                                          // 6 mixed: refused
		[]event.Write{one("c", event.NoStream, newPending(5)), one("old", event.Exact(9), newPending(6))}, // 7 conflict on 2nd stream
		[]event.Write{one("c", event.NoStream, newPending(7))},                                            // 8 ok: 7 wrote nothing
	)
	commitsBefore := s.Stats().Commits
	gate <- struct{}{}

	got := make([]result, len(res))
	for i := range res {
		got[i] = wait(t, res[i])
	}
	for _, i := range []int{0, 1, 3, 5, 8} {
		if got[i].err != nil {
			t.Fatalf("append %d: %v", i, got[i].err)
		}
	}
	for _, c := range []struct {
		i      int
		target error
	}{{2, event.ErrConcurrency}, {4, event.ErrDuplicateID}, {6, event.ErrDuplicateID}, {7, event.ErrConcurrency}} {
		if !errors.Is(got[c.i].err, c.target) {
			t.Fatalf("append %d: %v, want %v", c.i, got[c.i].err, c.target)
		}
	}
	if got[0].recs[0].Position != 2 || got[1].recs[0].Position != 3 || got[8].recs[0].Position != 4 {
		t.Fatalf("positions %d %d %d, want 2 3 4", got[0].recs[0].Position, got[1].recs[0].Position, got[8].recs[0].Position)
	}
	if r3, r0 := got[3].recs[0], got[0].recs[0]; r3.Position != r0.Position || r3.Hash != r0.Hash {
		t.Fatalf("repeat within the group returned %+v, want %+v", got[3].recs[0], got[0].recs[0])
	}
	if got[5].recs[0].Position != 1 {
		t.Fatalf("repeat of a stored event returned position %d", got[5].recs[0].Position)
	}
	if c := s.Stats().Commits - commitsBefore; c != 1 {
		t.Fatalf("%d commits for the group, want 1", c)
	}
	all := mustReadAll(t, s)
	if len(all) != 4 {
		t.Fatalf("log holds %d events, want 4", len(all))
	}
	verifyChain(t, all)
}

// TestCanceledWhileQueued drops an append whose context ends before its group
// starts: the caller gets the context error and nothing is written.
func TestCanceledWhileQueued(t *testing.T) {
	s, gate := gated(t)
	ctx, cancel := context.WithCancel(t.Context())
	res := queueAppends(t, s, []context.Context{ctx, nil},
		[]event.Write{one("a", event.NoStream, newPending(1))},
		[]event.Write{one("b", event.NoStream, newPending(2))})
	cancel()
	if r := wait(t, res[0]); !errors.Is(r.err, context.Canceled) {
		t.Fatalf("canceled append: %v", r.err)
	}
	gate <- struct{}{}
	if r := wait(t, res[1]); r.err != nil {
		t.Fatalf("other append: %v", r.err)
	}
	if all := mustReadAll(t, s); len(all) != 1 || all[0].Stream != "b" {
		t.Fatalf("log %v, want only b's event", all)
	}
}

// TestGroupCommitBatches checks that concurrent appenders share commits.
func TestGroupCommitBatches(t *testing.T) {
	s, _ := openTemp(t, Options{})
	const writers, per = 64, 20
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range per {
				if _, err := s.Append(t.Context(), one(fmt.Sprintf("w%d", w), event.Exact(uint64(i)), newPending(i))); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	st := s.Stats()
	if st.Appends != writers*per || st.Events != writers*per {
		t.Fatalf("stats %+v, want %d appends and events", st, writers*per)
	}
	if st.Commits >= st.Appends/2 {
		t.Fatalf("stats %+v: %d appends took %d commits, want them grouped", st, st.Appends, st.Commits)
	}
	t.Logf("%d appends in %d commits (%.1f per commit)", st.Appends, st.Commits, float64(st.Appends)/float64(st.Commits))
}
