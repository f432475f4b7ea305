package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

// TestFailedCommitReloadsTail has another connection take the next position
// behind the writer's back, so the writer's insert fails: every append of that
// group gets the error, and the writer reloads its tail and goes on from the
// row that is really there.
func TestFailedCommitReloadsTail(t *testing.T) {
	s, path := openTemp(t, Options{})
	mustAppend(t, s, one("a", event.NoStream, newPending(1)))

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	foreign := strings.Repeat("ab", 32)
	_, err = db.Exec(`INSERT INTO events VALUES (2, '00000000-0000-4000-8000-000000000002', 'x', 1, 't', '{}', '', '', '', '', ?, ?, ?, NULL);
		INSERT INTO streams VALUES ('x', 1, 2)`,
		event.FormatTime(time.Now()), event.FormatTime(time.Now()), foreign)
	if err != nil {
		t.Fatal(err)
	}

	if _, err := s.Append(t.Context(), one("a", event.Exact(1), newPending(2))); err == nil {
		t.Fatal("append over a foreign row succeeded")
	}
	if st := s.Stats(); st.Failed != 1 {
		t.Fatalf("stats %+v, want one failed group", st)
	}
	recs := mustAppend(t, s, one("a", event.Exact(1), newPending(3)))
	prev, _ := parseHash(foreign)
	if recs[0].Position != 3 || recs[0].Hash != event.Chain(prev, recs[0]) {
		t.Fatalf("after reload: position %d, chained to the foreign row: %v", recs[0].Position, recs[0].Hash == event.Chain(prev, recs[0]))
	}
	// The stream versions were reloaded too: stream x exists now.
	if _, err := s.Append(t.Context(), one("x", event.NoStream, newPending(4))); !errors.Is(err, event.ErrConcurrency) {
		t.Fatalf("NoStream on x: %v, want ErrConcurrency", err)
	}
}

// TestCloseCommitsEveryAcknowledgedAppend closes the store while appenders
// are busy: every append that succeeded is in the log after reopening, and
// those refused got ErrClosed.
func TestCloseCommitsEveryAcknowledgedAppend(t *testing.T) {
	s, path := openTemp(t, Options{})
	const writers = 16
	var (
		mu    sync.Mutex
		acked []event.Record
		wg    sync.WaitGroup
	)
	for w := range writers {
		wg.Go(func() {
			for i := 0; ; i++ {
				recs, err := s.Append(t.Context(), one(fmt.Sprintf("w%d", w), event.Exact(uint64(i)), newPending(i)))
				if err != nil {
					if !errors.Is(err, ErrClosed) {
						t.Errorf("writer %d: %v, want ErrClosed", w, err)
					}
					return
				}
				mu.Lock()
				acked = append(acked, recs...)
				mu.Unlock()
			}
		})
	}
	time.Sleep(50 * time.Millisecond)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	wg.Wait()

	s2, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	all := mustReadAll(t, s2)
	if len(all) != len(acked) {
		t.Fatalf("log holds %d events, %d were acknowledged", len(all), len(acked))
	}
	verifyChain(t, all)
}

func TestSubscribeEndsOnClose(t *testing.T) {
	s, _ := openTemp(t, Options{})
	done := make(chan error, 1)
	go func() { done <- s.Subscribe(t.Context(), 0, func(event.Record) error { return nil }) }()
	time.Sleep(20 * time.Millisecond)
	s.Close()
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Fatalf("Subscribe after Close: %v, want ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Subscribe did not end on Close")
	}
}
