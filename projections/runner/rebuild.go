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
// progress, if not nil, is told the position reached and the head.
func Rebuild(ctx context.Context, store event.Store, dir string, progress func(done, head uint64), ps ...Projection) (RebuildResult, error) {
	head, err := store.Head(ctx)
	if err != nil {
		return RebuildResult{}, err
	}
	for _, p := range ps {
		p.Reset()
	}
	start := time.Now()
	const page = 8192
	var pos uint64
	batch := make([]Envelope, 0, page)
	for pos < head {
		recs, err := store.ReadAll(ctx, pos, page)
		if err != nil {
			return RebuildResult{}, fmt.Errorf("read log after %d: %w", pos, err)
		}
		if len(recs) == 0 {
			break
		}
		batch = batch[:0]
		for _, rec := range recs {
			env, err := Decode(rec)
			if err != nil {
				return RebuildResult{}, err
			}
			batch = append(batch, env)
		}
		for _, p := range ps {
			if err := p.Apply(batch); err != nil {
				return RebuildResult{}, fmt.Errorf("projection %s after %d: %w", p.Name(), pos, err)
			}
		}
		pos = recs[len(recs)-1].Position
		if progress != nil {
			progress(pos, head)
		}
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
