package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/traceledger/traceledger/domain/event"
)

var concurrencyTests = []namedTest{
	{"SameStreamOneWinnerPerVersion", testOneWinnerPerVersion},
	{"DistinctStreamsAllSucceed", testDistinctStreams},
	{"RetriesRacingTheOriginal", testRacingRetries},
}

// testOneWinnerPerVersion has 8 appenders race for each next version of one
// stream: exactly one wins, the others get a concurrency error.
func testOneWinnerPerVersion(t *testing.T, s event.Store) {
	const contenders, rounds = 8, 25
	for v := range rounds {
		start := make(chan struct{})
		results := make([]error, contenders)
		var wg sync.WaitGroup
		for c := range contenders {
			wg.Go(func() {
				<-start
				_, results[c] = s.Append(t.Context(), write("contested", event.Exact(uint64(v)), pending(c)))
			})
		}
		close(start)
		wg.Wait()
		wins := 0
		for _, err := range results {
			switch {
			case err == nil:
				wins++
			case !errors.Is(err, event.ErrConcurrency):
				t.Fatalf("version %d: %v, want nil or ErrConcurrency", v, err)
			}
		}
		if wins != 1 {
			t.Fatalf("version %d: %d winners, want 1", v, wins)
		}
	}
	recs := mustReadStream(t, s, "contested", 0)
	if len(recs) != rounds || recs[rounds-1].Version != rounds {
		t.Fatalf("stream holds %d events, want %d", len(recs), rounds)
	}
}

// testDistinctStreams has 8 appenders each write 100 single-event appends to
// its own stream: all succeed and the log is gap-free.
func testDistinctStreams(t *testing.T, s event.Store) {
	const writers, perWriter = 8, 100
	positions := make([][]uint64, writers)
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			stream := fmt.Sprintf("w-%d", w)
			for v := range perWriter {
				recs, err := s.Append(t.Context(), write(stream, event.Exact(uint64(v)), pending(v)))
				if err != nil {
					errs[w] = fmt.Errorf("writer %d append %d: %w", w, v, err)
					return
				}
				positions[w] = append(positions[w], recs[0].Position)
			}
		})
	}
	wg.Wait()
	seen := make(map[uint64]bool)
	for w := range writers {
		if errs[w] != nil {
			t.Fatal(errs[w])
		}
		for i, p := range positions[w] {
			if seen[p] {
				t.Fatalf("position %d given twice", p)
			}
			seen[p] = true
			if i > 0 && p <= positions[w][i-1] {
				t.Fatalf("writer %d: position %d after %d", w, p, positions[w][i-1])
			}
		}
	}
	for p := uint64(1); p <= writers*perWriter; p++ {
		if !seen[p] {
			t.Fatalf("position %d missing", p)
		}
	}
	wantHead(t, s, writers*perWriter)
}

// testRacingRetries sends the same append from several goroutines at once, as
// a client retrying on timeouts would: it is written once and every caller
// gets the same records.
func testRacingRetries(t *testing.T, s event.Store) {
	const callers = 8
	for round := range 10 {
		ps := pendings(2)
		stream := fmt.Sprintf("retry-%d", round)
		recs := make([][]event.Record, callers)
		errs := make([]error, callers)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for c := range callers {
			wg.Go(func() {
				<-start
				recs[c], errs[c] = s.Append(t.Context(), write(stream, event.NoStream, ps...))
			})
		}
		close(start)
		wg.Wait()
		for c := range callers {
			if errs[c] != nil {
				t.Fatalf("round %d caller %d: %v", round, c, errs[c])
			}
			sameRecords(t, fmt.Sprintf("round %d caller %d", round, c), recs[0], recs[c])
		}
		if got := mustReadStream(t, s, stream, 0); len(got) != 2 {
			t.Fatalf("round %d: stream holds %d events, want 2", round, len(got))
		}
	}
}
