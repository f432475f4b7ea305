package trace

import "github.com/traceledger/traceledger/app/query"

func nameOf(n query.Names, uscc string) string {
	if n == nil || uscc == "" {
		return ""
	}
	return n.Name(uscc)
}

// nameCache asks Names once per enterprise of an answer.
type nameCache struct {
	names query.Names
	seen  map[string]string
}

func newNameCache(n query.Names, size int) *nameCache {
	return &nameCache{names: n, seen: make(map[string]string, size)}
}

func (c *nameCache) name(uscc string) string {
	if n, ok := c.seen[uscc]; ok {
		return n
	}
	n := nameOf(c.names, uscc)
	c.seen[uscc] = n
	return n
}
