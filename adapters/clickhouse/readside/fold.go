package readside

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/runner"
)

// folder reads the events at positions the index lists from the event
// store and folds them into a model made for the one question.
type folder struct {
	x      *Index
	reader query.EventReader
}

// envelopes reads and decodes the events of the rows matching where.
func (f folder) envelopes(ctx context.Context, where string, args []any) ([]runner.Envelope, error) {
	ps, err := f.x.positions(ctx, where, args, false, 0)
	if err != nil {
		return nil, err
	}
	return f.read(ctx, ps)
}

// read reads and decodes the events at positions ps, in log order.
func (f folder) read(ctx context.Context, ps []uint64) ([]runner.Envelope, error) {
	if len(ps) == 0 {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(ctx, query.ReadWait)
	defer cancel()
	recs, err := f.reader.ReadPositions(ctx, ps)
	if err != nil {
		return nil, fmt.Errorf("read side: read events: %w", err)
	}
	envs := make([]runner.Envelope, len(recs))
	for i, rec := range recs {
		if envs[i], err = runner.Decode(rec); err != nil {
			return nil, fmt.Errorf("read side: %w", err)
		}
	}
	return envs, nil
}

// in is a SQL list of n placeholders.
func in(n int) string { return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")" }

// foldCache keeps the last folds of a few batch sets, each under the
// positions it folded: a trace and its access check, or a recall list's
// batches read twice, fold once, and a fold is reused only while the index
// lists the very same positions for it.
type foldCache[M any] struct {
	mu sync.Mutex
	m  map[string]cached[M]
}

type cached[M any] struct {
	positions []uint64
	model     M
}

const foldCacheSize = 64

func (c *foldCache[M]) get(key string, positions []uint64) (M, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || !slices.Equal(e.positions, positions) {
		var zero M
		return zero, false
	}
	return e.model, true
}

func (c *foldCache[M]) put(key string, positions []uint64, m M) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cached[M]{}
	}
	if len(c.m) >= foldCacheSize {
		for k := range c.m { // drop any one: the cache only spares repeats
			delete(c.m, k)
			break
		}
	}
	c.m[key] = cached[M]{positions: positions, model: m}
}
