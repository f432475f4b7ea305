package trace

// Names gives enterprises' names for answers; the directory model
// implements it. A nil Names leaves names empty.
type Names interface {
	Name(uscc string) string
}

func nameOf(n Names, uscc string) string {
	if n == nil || uscc == "" {
		return ""
	}
	return n.Name(uscc)
}

// nameCache asks Names once per enterprise of an answer.
type nameCache struct {
	names Names
	seen  map[string]string
}

func newNameCache(n Names, size int) *nameCache {
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
