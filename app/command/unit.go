package command

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
)

// root is what the unit of work needs of an aggregate.
type root interface {
	Version() uint64
	Changes() []event.Event
	Committed(occurredAt time.Time)
	LastOccurredAt() time.Time
}

// unit is one command's unit of work: the streams it locked, the aggregates
// it loaded, and at the end one atomic append of everything they raised.
type unit struct {
	h  *Handlers
	md event.Metadata
	// now is the ledger's clock when the command began: every rule is
	// judged at it, whatever occurred_at the client claims.
	now     time.Time
	claimed *time.Time
	release func()
	order   []string
	aggs    map[string]root
	done    bool
	// stale: another writer moved a stream under this command (another
	// replica on a shared store), so every aggregate it loaded may be old.
	stale bool
	// doc is the document unit this command decides in (nil: its own);
	// seen then lists the document's aggregates this command used that an
	// earlier command had loaded (order lists those it loaded itself).
	doc  *document
	seen []string
}

// readOnly is the recording of a unit that only reads.
var readOnly recording

// begin locks the streams a command will write and read.
func (h *Handlers) begin(rc recording, writes, reads []string) *unit {
	if h.doc != nil {
		return h.doc.join(h, rc)
	}
	return &unit{h: h, md: rc.md, now: rc.now, claimed: rc.claimed, release: h.locks.lock(writes, reads), aggs: map[string]root{}}
}

// checkClaimedTime refuses a client's occurred_at outside the ledger's
// bounds, or earlier than the last event of a stream the command appends
// to: each stream's history reads in the order things happened.
func (u *unit) checkClaimedTime() error {
	if u.claimed == nil {
		return nil
	}
	var dependsOn time.Time
	for _, s := range u.streams() {
		if r := u.aggs[s]; len(r.Changes()) > 0 && r.LastOccurredAt().After(dependsOn) {
			dependsOn = r.LastOccurredAt()
		}
	}
	return aggregate.CheckOccurredAt(*u.claimed, u.now, dependsOn)
}

// load returns the aggregate of stream, from this unit, the cache or the
// store, in that order.
func load[T root](ctx context.Context, u *unit, stream string, fold func([]event.Record) (T, error)) (T, error) {
	if r, ok := u.aggs[stream]; ok {
		if u.doc != nil {
			u.seen = append(u.seen, stream)
		}
		return r.(T), nil
	}
	var zero T
	if r, ok := u.h.cache.get(stream); ok {
		if t, ok := r.(T); ok {
			u.keep(stream, t)
			return t, nil
		}
	}
	recs, err := u.h.store.ReadStream(ctx, stream, 0)
	if err != nil {
		return zero, fmt.Errorf("read %s: %w", stream, err)
	}
	t, err := fold(recs)
	if err != nil {
		return zero, fmt.Errorf("load %s: %w", stream, err)
	}
	u.h.cache.put(stream, t)
	u.keep(stream, t)
	return t, nil
}

// streams are the streams this command used: in a document, only its own
// share of the document's aggregates, so that each command's checks cost
// what they cost alone however long the document is.
func (u *unit) streams() []string {
	if u.doc == nil {
		return u.order
	}
	return append(u.order[:len(u.order):len(u.order)], u.seen...)
}

func (u *unit) keep(stream string, r root) {
	u.aggs[stream] = r
	u.order = append(u.order, stream)
	if u.doc != nil {
		u.doc.order = append(u.doc.order, stream)
	}
}

// commit appends every change, stream by stream in the order the streams were
// loaded, each with the version it was loaded at, in one atomic append.
func (u *unit) commit(ctx context.Context) (Outcome, error) {
	return u.commitWith(ctx, Outcome{})
}

// commitWith is commit for a command whose answer holds more than the
// records (the id of what it created, the labels it bound): extra is merged
// into the outcome and, when the context carries an idempotency key, kept
// with the key in the same append so a retry gets the same answer.
func (u *unit) commitWith(ctx context.Context, extra Outcome) (Outcome, error) {
	if err := u.checkClaimedTime(); err != nil {
		return Outcome{}, err
	}
	if u.doc != nil {
		return u.doc.stage(u, extra)
	}
	var writes []event.Write
	for _, s := range u.order {
		r := u.aggs[s]
		if len(r.Changes()) == 0 {
			continue
		}
		w := event.Write{Stream: s, Expected: event.Exact(r.Version())}
		for _, e := range r.Changes() {
			p, err := event.NewPending(u.h.newID(), e, u.md)
			if err != nil {
				return Outcome{}, fmt.Errorf("encode %s: %w", e.EventType(), err)
			}
			w.Events = append(w.Events, p)
		}
		writes = append(writes, w)
	}
	if len(writes) == 0 {
		return Outcome{}, nil
	}
	recs, err := u.h.appendKeyed(ctx, extra, writes)
	if err != nil {
		u.stale = errors.Is(err, event.ErrConcurrency)
		return Outcome{}, fmt.Errorf("append: %w", err)
	}
	for _, w := range writes {
		u.aggs[w.Stream].Committed(u.md.OccurredAt)
	}
	u.done = true
	out := outcomeOf(recs)
	answerOf(extra).into(&out)
	return out, nil
}

// end releases the locks. Aggregates changed by a command that did not
// commit are dropped from the cache, so nobody sees their uncommitted state;
// after a concurrency conflict every aggregate the command loaded is, so
// that deciding again reads them all fresh.
func (u *unit) end() {
	if u.doc != nil {
		return // the document's unit ends once, for all its commands
	}
	if !u.done {
		for s, r := range u.aggs {
			if u.stale || len(r.Changes()) > 0 {
				u.h.cache.drop(s)
			}
		}
	}
	u.release()
}

// decideOn is a command on one aggregate: it locks the aggregate's stream,
// loads it with fold, lets change record on it, and commits what it
// recorded.
func decideOn[T root](ctx context.Context, h *Handlers, rc recording, stream string, fold func([]event.Record) (T, error), change func(T) error) (Outcome, error) {
	u := h.begin(rc, []string{stream}, nil)
	defer u.end()
	v, err := load(ctx, u, stream, fold)
	if err != nil {
		return Outcome{}, err
	}
	if err := change(v); err != nil {
		return Outcome{}, err
	}
	return u.commit(ctx)
}
