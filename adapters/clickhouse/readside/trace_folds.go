package readside

import (
	"slices"
	"sync"

	"github.com/traceledger/traceledger/projections/trace"
)

// traceFolds keeps the last trace folds of a few batch sets, each under the
// positions it folded, as foldCache does, but counts who reads each: a fold
// is a trace model with a store of its own, closed once it has left the
// cache and its last reader has released it.
type traceFolds struct {
	mu sync.Mutex
	m  map[string]*traceFold
}

type traceFold struct {
	key       string
	positions []uint64
	p         *trace.Projection
	readers   int
	dropped   bool
}

// get returns the fold of key if it folded exactly positions, for one more
// reader.
func (c *traceFolds) get(key string, positions []uint64) (*traceFold, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.m[key]
	if !ok || !slices.Equal(f.positions, positions) {
		return nil, false
	}
	f.readers++
	return f, true
}

// put keeps p as the fold of key and returns it for one reader; an older
// fold of the key, or any one when the cache is full, is dropped.
func (c *traceFolds) put(key string, positions []uint64, p *trace.Projection) *traceFold {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*traceFold{}
	}
	if old, ok := c.m[key]; ok {
		c.drop(old)
	}
	if len(c.m) >= foldCacheSize {
		for _, f := range c.m { // drop any one: the cache only spares repeats
			c.drop(f)
			break
		}
	}
	f := &traceFold{key: key, positions: positions, p: p, readers: 1}
	c.m[key] = f
	return f
}

// drop takes f out of the cache, closing it if nobody reads it.
func (c *traceFolds) drop(f *traceFold) {
	delete(c.m, f.key)
	f.dropped = true
	if f.readers == 0 {
		f.p.Close()
	}
}

// release ends one reader's use of f.
func (c *traceFolds) release(f *traceFold) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f.readers--
	if f.dropped && f.readers == 0 {
		f.p.Close()
	}
}
