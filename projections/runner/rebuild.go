package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

// RebuildResult is what a rebuild did.
type RebuildResult struct {
	Events   uint64
	Elapsed  time.Duration
	Position uint64
}

// PerSecond is the rebuild's rate.
func (r RebuildResult) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Events) / r.Elapsed.Seconds()
}

// Rebuild empties the projections and folds the whole log into them from
// position 1, reading pages of the log directly (faster than a
// subscription), then saves their snapshots in dir (when dir is not empty).
// progress, if not nil, is told the position every projection has reached
// and the head.
//
// Each projection folds in a goroutine of its own, page after page in log
// order, beside the others: the projections share nothing but the pages,
// which they only read, so on a machine of several cores the rebuild takes
// about as long as its slowest projection rather than the sum of them all.
func Rebuild(ctx context.Context, store event.Store, dir string, progress func(done, head uint64), ps ...Projection) (RebuildResult, error) {
	head, err := store.Head(ctx)
	if err != nil {
		return RebuildResult{}, err
	}
	for _, p := range ps {
		p.Reset()
	}
	start := time.Now()
	pages := make(chan []Envelope, 4)
	readErr := make(chan error, 1)
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Reading and decoding run beside the folds: one goroutine each.
	go func() {
		defer close(pages)
		readErr <- readPages(rctx, store, head, batchSizeOf(ps), pages)
	}()
	lanes := startLanes(ps, cancel)
	var pos uint64
	for batch := range pages {
		if !lanes.give(rctx, batch) {
			break
		}
		pos = batch[len(batch)-1].Position
		if progress != nil {
			progress(lanes.reached(), head)
		}
	}
	foldErr := lanes.finish()
	if err := <-readErr; foldErr == nil && err != nil {
		return RebuildResult{}, err
	}
	if foldErr != nil {
		return RebuildResult{}, foldErr
	}
	if progress != nil {
		progress(pos, head)
	}
	res := RebuildResult{Events: pos, Elapsed: time.Since(start), Position: pos}
	if dir != "" {
		for _, p := range ps {
			if err := save(dir, p, pos); err != nil {
				return res, err
			}
		}
	}
	return res, nil
}

// readPages reads the log up to head in pages of page records and decodes them on
// decoders goroutines, delivering pages in log order.
func readPages(ctx context.Context, store event.Store, head uint64, page int, out chan<- []Envelope) error {
	const decoders = 2
	type job struct {
		recs []event.Record
		done chan []Envelope
		err  chan error
	}
	work := make(chan job, decoders)
	order := make(chan job, 2*decoders)
	for range decoders {
		go func() {
			for j := range work {
				batch := make([]Envelope, len(j.recs))
				var err error
				for i, rec := range j.recs {
					if batch[i], err = Decode(rec); err != nil {
						break
					}
				}
				j.err <- err
				j.done <- batch
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(work)
		var pos uint64
		for pos < head {
			recs, err := store.ReadAll(ctx, pos, page)
			if err != nil {
				readErr <- fmt.Errorf("read log after %d: %w", pos, err)
				return
			}
			if len(recs) == 0 {
				break
			}
			j := job{recs: recs, done: make(chan []Envelope, 1), err: make(chan error, 1)}
			select {
			case order <- j:
			case <-ctx.Done():
				readErr <- ctx.Err()
				return
			}
			work <- j
			pos = recs[len(recs)-1].Position
		}
		readErr <- nil
	}()
	for j := range order {
		if err := <-j.err; err != nil {
			return err
		}
		select {
		case out <- <-j.done:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return <-readErr
}
