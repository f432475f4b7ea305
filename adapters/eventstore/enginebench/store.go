package enginebench

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// AppendStore drives a whole event.Store (today's, say) the way the
// candidates are driven: writers goroutines appending perWriter events each,
// one per call, to a stream of their own with exact expected versions, the
// bodies cycling through templates. It is the candidates' reference.
func AppendStore(ctx context.Context, store event.Store, templates []event.Pending, writers, perWriter int) (AppendResult, error) {
	if writers <= 0 || perWriter <= 0 || len(templates) == 0 {
		return AppendResult{}, fmt.Errorf("engines: writers %d, perWriter %d and templates %d must be positive", writers, perWriter, len(templates))
	}
	run := uuid.NewString()[:8]
	evs := make([][]event.Pending, writers)
	k := 0
	for i := range perWriter {
		for w := range writers {
			if i == 0 {
				evs[w] = make([]event.Pending, perWriter)
			}
			p := templates[k%len(templates)]
			k++
			p.ID = uuid.Must(uuid.NewV7())
			evs[w][i] = p
		}
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	start := time.Now()
	for w := range writers {
		wg.Go(func() {
			stream := fmt.Sprintf("bench-%s-%03d", run, w)
			for i, p := range evs[w] {
				if _, err := store.Append(ctx, event.Write{Stream: stream, Expected: event.Exact(uint64(i)), Events: []event.Pending{p}}); err != nil {
					mu.Lock()
					firstErr = cmpErr(firstErr, fmt.Errorf("writer %d append %d: %w", w, i, err))
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	el := time.Since(start)
	n := writers * perWriter
	return AppendResult{Events: n, Duration: el, PerSec: float64(n) / el.Seconds()}, firstErr
}

// ReplayStore reads store's whole log through ReadAll in pages of page, as
// a rebuild does, and returns the records per second.
func ReplayStore(ctx context.Context, store event.Store, page int) (events int, perSec float64, err error) {
	head, err := store.Head(ctx)
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	var pos uint64
	for pos < head {
		recs, err := store.ReadAll(ctx, pos, page)
		if err != nil {
			return events, 0, err
		}
		if len(recs) == 0 {
			break
		}
		events += len(recs)
		pos = recs[len(recs)-1].Position
	}
	return events, float64(events) / time.Since(start).Seconds(), nil
}
