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
	recText  string                     // and its text form
	cache    *versionCache              // committed versions, preloaded for the group
	versions map[string]streamHead      // heads written by this group
	stored   map[uuid.UUID]event.Record // group ids already in the database
	written  map[uuid.UUID]event.Record // ids written by this group
	args     []any                      // column values of the rows to insert
	keys     map[scopeKey]bool          // idempotency keys recorded or written
	keyArgs  []any                      // column values of the idempotency rows
	events   int                        // events accepted
}

// scopeKey is an idempotency key's identity.
type scopeKey struct{ scope, key string }

func newGroup(t tail, now time.Time, cache *versionCache, stored map[uuid.UUID]event.Record, args []any) *group {
	recorded := t.recordTime(now)
	return &group{
		tail:     t,
		recorded: recorded,
		recText:  event.FormatTime(recorded),
		cache:    cache,
		versions: make(map[string]streamHead),
		stored:   stored,
		written:  make(map[uuid.UUID]event.Record),
		args:     args[:0],
		keys:     make(map[scopeKey]bool),
	}
}

func (g *group) head(stream string) streamHead {
	if h, ok := g.versions[stream]; ok {
		return h
	}
	h, _ := g.cache.get(stream)
	return h
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
func (g *group) decide(req *request) ([]event.Record, error) {
	writes := req.writes
	if k := req.key; k != nil && g.keys[scopeKey{k.Scope, k.Key}] {
		return nil, fmt.Errorf("%w: scope %q key %q", event.ErrKeyRecorded, k.Scope, k.Key)
	}
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
		if v := g.head(w.Stream).version; !w.Expected.Check(v) {
			return nil, &event.ConcurrencyError{Stream: w.Stream, Expected: w.Expected, Actual: v}
		}
	}
	recs := g.accept(writes, req.texts)
	if k := req.key; k != nil {
		g.keys[scopeKey{k.Scope, k.Key}] = true
		g.keyArgs = append(g.keyArgs, k.Scope, k.Key, k.RequestHash, string(k.Result), int64(recs[0].Position), int64(len(recs)))
	}
	return recs, nil
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
// tail, and queues their rows; texts are the events' text columns.
func (g *group) accept(writes []event.Write, texts [][]eventText) []event.Record {
	n := 0
	for _, w := range writes {
		n += len(w.Events)
	}
	out := make([]event.Record, 0, n)
	for i, w := range writes {
		h := g.head(w.Stream)
		v := h.version
		for j, p := range w.Events {
			v++
			md := p.Metadata // OccurredAt normalised by ownWrites
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
			g.args = appendRow(g.args, &r, &texts[i][j], g.recText, h.last)
			h.last = r.Position
			out = append(out, r)
		}
		h.version = v
		g.versions[w.Stream] = h
	}
	g.events += n
	return out
}
