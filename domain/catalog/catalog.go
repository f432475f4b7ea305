// Package catalog is the ledger's one list of stored event types: every type
// name with the decoder that reads it, each registered exactly once. Readers
// of the whole log (read-model runner, analytics sink, bus) decode through
// it; an aggregate's own fold keeps its own Decoders, which the catalogue is
// built from.
package catalog

import (
	"fmt"
	"sort"

	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
)

// Set is the event types one aggregate (or stream kind) writes.
type Set struct {
	Name     string
	Decoders aggregate.Decoders
}

// Catalog maps every stored event type name to its decoder and to the set
// that registered it.
type Catalog struct {
	decoders aggregate.Decoders
	owner    map[string]string
}

// New builds a catalogue from sets. A type name given by two sets (or an
// empty name, or a nil decoder) is an error: a duplicate would otherwise
// make one of two decoders silently win.
func New(sets ...Set) (*Catalog, error) {
	c := &Catalog{decoders: aggregate.Decoders{}, owner: map[string]string{}}
	for _, s := range sets {
		for name, fn := range s.Decoders {
			if name == "" || fn == nil {
				return nil, fmt.Errorf("event catalogue: set %s registers an empty type name or a nil decoder", s.Name)
			}
			if prev, dup := c.owner[name]; dup {
				return nil, fmt.Errorf("event catalogue: type %q registered by both %s and %s", name, prev, s.Name)
			}
			c.decoders[name], c.owner[name] = fn, s.Name
		}
	}
	return c, nil
}

// Must is New for a catalogue built at init: a duplicate there is a
// programming error, reported before anything reads the log.
func Must(sets ...Set) *Catalog {
	c, err := New(sets...)
	if err != nil {
		panic(err)
	}
	return c
}

// Decode decodes rec. A type this build does not know decodes to a nil
// Event and no error, so readers of the log skip events written by a newer
// build; malformed data of a known type is an error.
func (c *Catalog) Decode(rec event.Record) (event.Event, error) {
	fn, ok := c.decoders[rec.Type]
	if !ok {
		return nil, nil
	}
	return fn(rec)
}

// Knows reports whether name is a registered type.
func (c *Catalog) Knows(name string) bool {
	_, ok := c.decoders[name]
	return ok
}

// Owner names the set that registered the type ("" when unknown).
func (c *Catalog) Owner(name string) string { return c.owner[name] }

// Types lists every registered type name, sorted.
func (c *Catalog) Types() []string {
	out := make([]string, 0, len(c.decoders))
	for name := range c.decoders {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}
