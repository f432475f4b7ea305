// Package loadgen drives an event.Store the way traceledger's command handlers
// do (many concurrent single-event appends with exact expected versions) and
// measures the throughput. It backs `traceledger bench` and the adapters'
// benchmarks; it is not used on the request path.
package loadgen

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// Result is one load run: Events acknowledged in Duration of wall-clock time.
type Result struct {
	Writers  int
	Events   int
	Duration time.Duration
	PerSec   float64
}

func (r Result) String() string {
	return fmt.Sprintf("%d writers: %d events in %v = %.0f events/s", r.Writers, r.Events, r.Duration.Round(time.Millisecond), r.PerSec)
}

// Append starts writers goroutines, each appending perWriter events one per
// call to a stream of its own (new to the store, so runs can repeat on one
// store) with Exact expected versions, and measures from the first append to
// the last acknowledgement. Events are built before the clock starts. The
// first error stops the run and is returned with what was done until then.
func Append(ctx context.Context, store event.Store, writers, perWriter int) (Result, error) {
	if writers <= 0 || perWriter <= 0 {
		return Result{}, fmt.Errorf("loadgen: writers %d and perWriter %d must be positive", writers, perWriter)
	}
	run := uuid.NewString()[:8]
	// Ids are time-ordered (UUIDv7, as the command handlers make them) and
	// made in the order the appends will roughly arrive in, round by round,
	// so the store sees what it sees in production: ids rising with time.
	events := make([][]event.Pending, writers)
	for w := range events {
		events[w] = make([]event.Pending, perWriter)
	}
	for i := range perWriter {
		for w := range events {
			events[w][i] = pendingFor(w, i)
		}
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	counts := make([]int, writers)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range writers {
		wg.Go(func() {
			stream := fmt.Sprintf("loadgen-%s-%03d", run, w)
			for i, p := range events[w] {
				_, err := store.Append(ctx, event.Write{Stream: stream, Expected: event.Exact(uint64(i)), Events: []event.Pending{p}})
				if err != nil {
					cancel(fmt.Errorf("loadgen: writer %d append %d: %w", w, i, err))
					return
				}
				counts[w]++
			}
		})
	}
	wg.Wait()
	res := Result{Writers: writers, Duration: time.Since(start)}
	for _, c := range counts {
		res.Events += c
	}
	res.PerSec = float64(res.Events) / res.Duration.Seconds()
	if err := context.Cause(ctx); err != nil {
		return res, err
	}
	return res, nil
}

// pendingFor is writer w's i-th event: a shipment with full metadata.
func pendingFor(w, i int) event.Pending {
	id := uuid.Must(uuid.NewV7())
	return event.Pending{
		ID:   id,
		Type: "shipment.dispatched.v1",
		Data: Payload(w, i),
		Metadata: event.Metadata{
			ActorUSCC:     "91310000MA1FL8XQ3B",
			ActorRole:     "carrier",
			CorrelationID: id.String(),
			OccurredAt:    time.Now(),
		},
	}
}
