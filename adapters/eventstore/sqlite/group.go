package sqlite

import (
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// group is one commit's worth of requests being decided in order. Each request
// is judged against the log as the requests before it in the group left it, so
// a group commits exactly what the same requests appended one by one would.
type group struct {
	tail     tail                       // after the last accepted request
	recorded time.Time                  // the group's recorded_at
	cache    *versionCache              // committed versions, preloaded for the group
	versions map[string]uint64          // versions written by this group
	stored   map[uuid.UUID]event.Record // group ids already in the database
	written  map[uuid.UUID]event.Record // ids written by this group
	args     []any                      // column values of the rows to insert
	events   int                        // events accepted
}

func newGroup(t tail, now time.Time, cache *versionCache, stored map[uuid.UUID]event.Record, args []any) *group {
	return &group{
		tail:     t,
		recorded: t.recordTime(now),
		cache:    cache,
		versions: make(map[string]uint64),
		stored:   stored,
		written:  make(map[uuid.UUID]event.Record),
		args:     args[:0],
	}
}

func (g *group) version(stream string) uint64 {
	if v, ok := g.versions[stream]; ok {
		return v
	}
	v, _ := g.cache.get(stream)
	return v
}

func (g *group) known(id uuid.UUID) (event.Record, bool) {
	if r, ok := g.written[id]; ok {
		return r, true
	}
	r, ok := g.stored[id]
	return r, ok
}

// decide judges one request and, if it writes, adds its rows to the group.
// See event.Store for the rules on repeats, duplicates and versions.
func (g *group) decide(writes []event.Write) ([]event.Record, error) {
	var repeats, fresh int
	for _, w := range writes {
		for _, p := range w.Events {
			r, ok := g.known(p.ID)
			switch {
			case !ok:
				fresh++
			case event.SameContent(r, w.Stream, p):
				repeats++
			default:
				return nil, fmt.Errorf("%w: event %s is stored in stream %q at version %d with other content", event.ErrDuplicateID, p.ID, r.Stream, r.Version)
			}
		}
	}
	if repeats > 0 && fresh > 0 {
		return nil, fmt.Errorf("%w: %d of the append's %d events are already stored: a retry must repeat the whole append", event.ErrDuplicateID, repeats, repeats+fresh)
	}
	if fresh == 0 {
		return g.repeat(writes), nil
	}
	for _, w := range writes {
		if v := g.version(w.Stream); !w.Expected.Check(v) {
			return nil, &event.ConcurrencyError{Stream: w.Stream, Expected: w.Expected, Actual: v}
		}
	}
	return g.accept(writes), nil
}

// repeat returns the stored records of a retried append, in its order.
func (g *group) repeat(writes []event.Write) []event.Record {
	var out []event.Record
	for _, w := range writes {
		for _, p := range w.Events {
			r, _ := g.known(p.ID)
			out = append(out, r)
		}
	}
	return out
}

// accept numbers, times and chains the events of writes after the group's
// tail, and queues their rows.
func (g *group) accept(writes []event.Write) []event.Record {
	n := 0
	for _, w := range writes {
		n += len(w.Events)
	}
	out := make([]event.Record, 0, n)
	for _, w := range writes {
		v := g.version(w.Stream)
		for _, p := range w.Events {
			v++
			md := p.Metadata
			md.OccurredAt = event.NormalizeTime(md.OccurredAt)
			md.RecordedAt = g.recorded
			r := event.Record{
				ID:       p.ID,
				Stream:   w.Stream,
				Version:  v,
				Position: g.tail.head + 1,
				Type:     p.Type,
				Data:     p.Data,
				Metadata: md,
			}
			r.Hash = event.Chain(g.tail.hash, r)
			g.tail = tail{head: r.Position, hash: r.Hash, recorded: g.recorded}
			g.written[r.ID] = r
			g.args = appendRow(g.args, &r)
			out = append(out, r)
		}
		g.versions[w.Stream] = v
	}
	g.events += n
	return out
}
