package authstore

import (
	"strings"
	"sync"
	"time"

	"github.com/traceledger/traceledger/domain/access"
)

// maxCached bounds the cache; past it, the cache starts over. A ledger has
// a few hundred tokens, so this only matters under attack.
const maxCached = 4096

// cache remembers tokens recently authenticated, by digest, so that every
// request does not read the database. Failures are not cached: a token
// created by another process works on its first use.
type cache struct {
	ttl     time.Duration
	now     func() time.Time
	mu      sync.Mutex
	entries map[string]cached
}

type cached struct {
	actor   access.Actor
	expires time.Time
}

func newCache(ttl time.Duration, now func() time.Time) *cache {
	return &cache{ttl: ttl, now: now, entries: make(map[string]cached)}
}

func (c *cache) get(digest string) (access.Actor, bool) {
	if c.ttl < 0 {
		return access.Actor{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[digest]
	if !ok || !c.now().Before(e.expires) {
		delete(c.entries, digest)
		return access.Actor{}, false
	}
	return e.actor, true
}

func (c *cache) put(digest string, a access.Actor) {
	if c.ttl < 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxCached {
		clear(c.entries)
	}
	c.entries[digest] = cached{actor: a, expires: c.now().Add(c.ttl)}
}

// dropID forgets the token with id (a digest prefix) after a revocation.
func (c *cache) dropID(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for d := range c.entries {
		if strings.HasPrefix(d, id) {
			delete(c.entries, d)
		}
	}
}
