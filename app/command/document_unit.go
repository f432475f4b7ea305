package command

import (
	"context"
	"errors"
	"fmt"

	"github.com/traceledger/traceledger/domain/event"
)

// document is the unit of work of several commands decided together (an
// EPCIS document): each command runs its own handler, with its own rules,
// but on the document's aggregates, so a later command sees what an earlier
// one changed (ship, then receive), and nothing is appended until the
// document commits every command's events in one atomic append. A command
// that "commits" inside a document only stages its events: they get their
// ids and metadata then, so the caller knows which events each command
// raised before anything is stored.
type document struct {
	h       *Handlers
	release func()
	aggs    map[string]root
	order   []string
	staged  map[string]int // how many changes of each stream are staged
	pending map[string][]event.Pending
	// first are streams appended before all others, in this order.
	first []string
	done  bool
	stale bool
}

// openDocument locks every stream (a document's streams are known only as
// its commands decide) and returns its unit; end it with end.
func (h *Handlers) openDocument() *document {
	return &document{h: h, release: h.locks.lockAll(), aggs: map[string]root{}, staged: map[string]int{}, pending: map[string][]event.Pending{}}
}

// within returns handlers whose commands decide in d. They tell no observer:
// the document is the command observed.
func (h *Handlers) within(d *document) *Handlers {
	c := *h
	c.doc = d
	c.observer = noObserver{}
	return &c
}

// join is a command's unit inside the document: the document's aggregates,
// no locks of its own (the document holds them all).
func (d *document) join(h *Handlers, rc recording) *unit {
	return &unit{h: h, md: rc.md, now: rc.now, claimed: rc.claimed, release: func() {}, aggs: d.aggs, doc: d}
}

// stage turns the changes a command raised since the last stage into
// pending events with the command's metadata, and answers their ids.
func (d *document) stage(u *unit, extra Outcome) (Outcome, error) {
	var out Outcome
	for _, s := range u.streams() {
		ch := d.aggs[s].Changes()
		if d.staged[s] >= len(ch) {
			continue
		}
		for _, e := range ch[d.staged[s]:] {
			p, err := event.NewPending(d.h.newID(), e, u.md)
			if err != nil {
				return Outcome{}, fmt.Errorf("encode %s: %w", e.EventType(), err)
			}
			d.pending[s] = append(d.pending[s], p)
			out.Events = append(out.Events, Appended{EventID: p.ID, Stream: s})
		}
		d.staged[s] = len(ch)
	}
	u.done = true
	answerOf(extra).into(&out)
	return out, nil
}

// appendFirst makes stream's events lead the document's append.
func (d *document) appendFirst(stream string) { d.first = append(d.first, stream) }

// commit appends every staged event in one atomic append: the streams
// named by appendFirst first, then the others in the order they were
// loaded, each with the version it was loaded at.
func (d *document) commit(ctx context.Context) ([]event.Record, error) {
	var writes []event.Write
	seen := map[string]bool{}
	add := func(s string) {
		if seen[s] || len(d.pending[s]) == 0 {
			return
		}
		seen[s] = true
		writes = append(writes, event.Write{Stream: s, Expected: event.Exact(d.aggs[s].Version()), Events: d.pending[s]})
	}
	for _, s := range d.first {
		add(s)
	}
	for _, s := range d.order {
		add(s)
	}
	if len(writes) == 0 {
		d.done = true
		return nil, nil
	}
	recs, err := d.h.store.Append(ctx, writes...)
	if err != nil {
		d.stale = errors.Is(err, event.ErrConcurrency)
		return nil, fmt.Errorf("append: %w", err)
	}
	for _, w := range writes {
		d.aggs[w.Stream].Committed(w.Events[len(w.Events)-1].Metadata.OccurredAt)
	}
	d.done = true
	return recs, nil
}

// end releases the locks. A document that did not commit drops every
// aggregate it changed from the cache (all it loaded after a concurrency
// conflict), as a single command's unit does.
func (d *document) end() {
	if !d.done {
		for s, r := range d.aggs {
			if d.stale || len(r.Changes()) > 0 {
				d.h.cache.drop(s)
			}
		}
	}
	d.release()
}
