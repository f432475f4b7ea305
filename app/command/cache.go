package command

import "sync"

// cache keeps loaded aggregates by stream so a command need not replay a
// stream it has seen. An entry is only ever changed under its stream's write
// lock, and dropped when a command that changed it fails.
type cache struct {
	mu  sync.Mutex
	max int
	m   map[string]root
}

func newCache(max int) *cache { return &cache{max: max, m: make(map[string]root)} }

func (c *cache) get(stream string) (root, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[stream]
	return r, ok
}

func (c *cache) put(stream string, r root) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		// Drop about a tenth, in map order: cheap, and good enough for a
		// cache whose misses cost one stream read.
		n := c.max / 10
		for k := range c.m {
			if n <= 0 {
				break
			}
			delete(c.m, k)
			n--
		}
	}
	c.m[stream] = r
}

func (c *cache) drop(stream string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, stream)
}
