package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

var subscribeTests = []namedTest{
	{"CatchUpFromZero", testSubscribeFromZero},
	{"CatchUpThenLiveUnderLoad", testSubscribeUnderLoad},
	{"ReturnsContextError", testSubscribeContextError},
	{"ReturnsFnError", testSubscribeFnError},
}

// errEnough stops a subscription that has seen what it waited for.
var errEnough = errors.New("storetest: enough")

// collect subscribes after position after until it has n records, then stops.
// delay slows fn for the first records so live commits land during catch-up.
func collect(ctx context.Context, s event.Store, after uint64, n int, delay time.Duration) ([]event.Record, error) {
	var got []event.Record
	err := s.Subscribe(ctx, after, func(r event.Record) error {
		got = append(got, r)
		if delay > 0 && len(got) < n/2 && len(got)%25 == 0 {
			time.Sleep(delay)
		}
		if len(got) >= n {
			return errEnough
		}
		return nil
	})
	if errors.Is(err, errEnough) {
		return got, nil
	}
	return got, fmt.Errorf("subscribe after %d: %d of %d records, then %w", after, len(got), n, err)
}

func testSubscribeFromZero(t *testing.T, s event.Store) {
	mustAppend(t, s, write("a", event.NoStream, pendings(5)...))
	mustAppend(t, s, write("b", event.NoStream, pendings(5)...))
	got, err := collect(withTimeout(t, 10*time.Second), s, 0, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	sameRecords(t, "Subscribe", readAll(t, s, 0), got)
}

// testSubscribeUnderLoad starts subscribers while 8 writers append 200 events
// each, one per append; every subscriber must see exactly ReadAll after its
// start, in order.
func testSubscribeUnderLoad(t *testing.T, s event.Store) {
	const writers, perWriter, preload = 8, 200, 400
	for i := range preload / 50 {
		mustAppend(t, s, write(fmt.Sprintf("pre-%d", i), event.NoStream, pendings(50)...))
	}
	total := preload + writers*perWriter
	ctx := withTimeout(t, 60*time.Second)

	var wg sync.WaitGroup
	errs := make(chan error, writers)
	start := make(chan struct{})
	for w := range writers {
		wg.Go(func() {
			<-start
			stream := fmt.Sprintf("writer-%d", w)
			for v := range perWriter {
				if _, err := s.Append(ctx, write(stream, event.Exact(uint64(v)), pending(v))); err != nil {
					errs <- fmt.Errorf("writer %d append %d: %w", w, v, err)
					return
				}
			}
		})
	}

	type sub struct {
		after uint64
		delay time.Duration
		got   []event.Record
		err   error
	}
	subs := []*sub{{after: 0, delay: time.Millisecond}, {after: preload / 2, delay: time.Millisecond}, {after: preload, delay: 0}, {after: 0}}
	var sw sync.WaitGroup
	for _, sb := range subs {
		sw.Go(func() { sb.got, sb.err = collect(ctx, s, sb.after, total-int(sb.after), sb.delay) })
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	sw.Wait()

	all := readAll(t, s, 0)
	if len(all) != total {
		t.Fatalf("ReadAll: %d records, want %d", len(all), total)
	}
	for _, sb := range subs {
		if sb.err != nil {
			t.Fatal(sb.err)
		}
		sameRecords(t, fmt.Sprintf("Subscribe after %d", sb.after), all[sb.after:], sb.got)
	}
}

func testSubscribeContextError(t *testing.T, s event.Store) {
	mustAppend(t, s, write("a", event.NoStream, pendings(3)...))
	ctx, cancel := context.WithCancel(t.Context())
	seen := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		n := 0
		done <- s.Subscribe(ctx, 0, func(event.Record) error {
			if n++; n == 3 {
				close(seen)
			}
			return nil
		})
	}()
	select {
	case <-seen:
	case <-time.After(10 * time.Second):
		t.Fatal("subscriber did not catch up")
	}
	cancel() // the subscriber is now waiting for live events
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Subscribe returned %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Subscribe did not return after cancel")
	}
}

func testSubscribeFnError(t *testing.T, s event.Store) {
	mustAppend(t, s, write("a", event.NoStream, pendings(3)...))
	boom := errors.New("projection failed")
	var calls int
	err := s.Subscribe(withTimeout(t, 10*time.Second), 0, func(r event.Record) error {
		calls++
		if r.Position == 2 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Subscribe returned %v, want the fn's error", err)
	}
	if calls != 2 {
		t.Fatalf("fn called %d times, want 2 (none after it failed)", calls)
	}
}
