package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// writer owns the write connection. Appends queue requests; the writer takes
// every request waiting (up to maxBatch events), decides each in order, writes
// the accepted ones in one transaction and answers all after the commit. The
// fsync is paid once per group, so throughput grows with concurrency.
type writer struct {
	ctx      context.Context // the writer's lifetime: Open's values, no deadline
	conn     *sql.Conn
	maxBatch int
	ins      inserter // events rows
	heads    inserter // streams rows
	keys     inserter // idempotency rows
	look     *lookups
	tail     tail
	cache    *versionCache
	broken   error // set when a failed commit could not reload the tail
	args     []any
	headArgs []any
	publish  func(head uint64)
	stats    *counters
	gate     <-chan struct{} // see Options.gate
	queue    *queue
	done     chan struct{} // closed when run returns
	// last is the requests of the last group and took how long it took to
	// commit: the next group waits for as many requests, at most a
	// quarter of that time (see queue.take).
	last int
	took time.Duration
}

// maxLinger bounds how long a group waits for appenders to come back.
const maxLinger = 2 * time.Millisecond

// linger is how long the next group may wait for more requests: a quarter
// of the last commit, so the wait costs at most a quarter of the latency
// it saves an fsync of, and nothing when commits are quick.
func (w *writer) linger() time.Duration { return min(w.took/4, maxLinger) }

// counters is the writer's work since Open; see Stats.
type counters struct {
	appends, events, commits, failed atomic.Uint64
}

// stop refuses new requests, lets the writer commit every queued one, and
// waits for it to finish. Safe to call more than once.
func (w *writer) stop() {
	w.queue.close()
	<-w.done
}

func (w *writer) run() {
	defer close(w.done)
	for {
		if w.gate != nil {
			<-w.gate
		}
		batch, open := w.queue.take(w.maxBatch, w.last, w.linger())
		if len(batch) > 0 {
			start := time.Now()
			w.commit(batch)
			w.last, w.took = len(batch), time.Since(start)
		}
		if !open {
			return
		}
	}
}

// commit runs one group and answers every request in it. A bulk among them
// is a group of its own, after the others (see AppendBulk).
func (w *writer) commit(batch []*request) {
	live := batch[:0]
	var bulks []*request
	for _, req := range batch {
		if req.parts != nil {
			bulks = append(bulks, req)
			continue
		}
		if err := req.ctx.Err(); err != nil {
			req.done <- response{err: fmt.Errorf("append: %w", err)}
			continue
		}
		live = append(live, req)
	}
	if len(live) > 0 {
		w.commitGroup(live)
	}
	for _, b := range bulks {
		w.commitBulk(b)
	}
}

// commitGroup runs the appends of one group commit and answers each.
func (w *writer) commitGroup(live []*request) {
	resps, g, err := w.group(live)
	if err != nil {
		w.stats.failed.Add(1)
		w.afterFailure(err)
		for _, req := range live {
			req.done <- response{err: fmt.Errorf("append: group commit: %w", err)}
		}
		return
	}
	w.committed(g)
	w.stats.appends.Add(uint64(len(live)))
	for i, req := range live {
		req.done <- resps[i]
	}
}

// committed moves the writer past a committed group: its tail, its streams'
// heads, the counters, and the subscribers are told.
func (w *writer) committed(g *group) {
	if g.events > 0 {
		w.tail = g.tail
		for s, v := range g.versions {
			w.cache.set(s, v)
		}
		w.stats.commits.Add(1)
		w.stats.events.Add(uint64(g.events))
		w.publish(w.tail.head)
	}
	w.args = g.args[:0]
}

// group decides every request against the log and commits the accepted ones
// in one transaction. An error means nothing of the group was committed.
//
// It first assumes that no event id of the group is stored yet, which is what
// a fresh append is, and skips looking them up: the unique index on event_id
// is the check. If an id is stored after all (a retry), the INSERT fails, the
// transaction rolls back whole and the group is decided again with the stored
// records looked up, so a retry or a duplicate gets its verdict as before. A
// request refused without the lookup (say for its expected version) may be
// the retry of a committed append, so any refusal also decides again.
func (w *writer) group(live []*request) (resps []response, g *group, err error) {
	if w.broken != nil {
		if err := w.reload(); err != nil {
			return nil, nil, err
		}
	}
	w.cache.trim()
	resps, g, err = w.attempt(live, false, false)
	if !errors.Is(err, errDecideAgain) {
		return resps, g, err
	}
	return w.attempt(live, true, false)
}

// errDecideAgain ends an attempt without the lookup that refused a request or
// whose INSERT failed (a stored id, most likely). A failed COMMIT is not
// tried again: it is the group's error, as before.
var errDecideAgain = errors.New("decide again with stored ids looked up")

// attempt is one try of group: lookup says whether to read the group's stored
// event ids first; whole, that a refused request (once decided with the
// lookup) fails the whole group with a *refusal, as a bulk does.
func (w *writer) attempt(live []*request, lookup, whole bool) (resps []response, g *group, err error) {
	if _, err := w.conn.ExecContext(w.ctx, "BEGIN IMMEDIATE"); err != nil {
		return nil, nil, fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			_, _ = w.conn.ExecContext(w.ctx, "ROLLBACK")
		}
	}()
	var stored map[uuid.UUID]event.Record
	if lookup {
		if stored, err = w.look.storedIDs(w.ctx, groupIDs(live)); err != nil {
			return nil, nil, err
		}
	}
	if err := w.look.streamVersions(w.ctx, w.uncachedStreams(live), w.cache); err != nil {
		return nil, nil, err
	}
	g = newGroup(w.tail, time.Now(), w.cache, stored, w.args)
	recorded, err := w.look.recordedKeys(w.ctx, live)
	if err != nil {
		return nil, nil, err
	}
	for k := range recorded {
		g.keys[k] = true
	}
	resps = make([]response, len(live))
	for i, req := range live {
		recs, err := g.decide(req)
		if err != nil {
			err = fmt.Errorf("append: %w", err)
		}
		if err != nil && !lookup {
			return nil, nil, errDecideAgain
		}
		if err != nil && whole {
			return nil, nil, &refusal{index: i, err: err}
		}
		resps[i] = response{recs: recs, err: err}
	}
	if g.events == 0 {
		_, err = w.conn.ExecContext(w.ctx, "ROLLBACK")
		return resps, g, err
	}
	if err := w.ins.insert(w.ctx, g.args); err != nil {
		if !lookup {
			err = fmt.Errorf("%w: %w", errDecideAgain, err)
		}
		return nil, nil, err
	}
	w.headArgs = w.headArgs[:0]
	for s, h := range g.versions {
		w.headArgs = appendHead(w.headArgs, s, h)
	}
	if err := w.heads.insert(w.ctx, w.headArgs); err != nil {
		return nil, nil, err
	}
	if err := w.keys.insert(w.ctx, g.keyArgs); err != nil {
		return nil, nil, err
	}
	if _, err := w.conn.ExecContext(w.ctx, "COMMIT"); err != nil {
		return nil, nil, fmt.Errorf("commit: %w", err)
	}
	return resps, g, nil
}

// afterFailure reloads the tail after a failed group, since the cache and tail may
// hold what the group tried to write. If the database cannot be read either,
// the writer stays broken and retries before each group.
func (w *writer) afterFailure(cause error) {
	w.cache.reset()
	if err := w.reload(); err != nil {
		w.broken = fmt.Errorf("after %v: %w", cause, err)
	}
}

func (w *writer) reload() error {
	t, err := loadTail(w.ctx, w.conn)
	if err != nil {
		return err
	}
	w.tail, w.broken = t, nil
	w.cache.reset()
	return nil
}

func groupIDs(live []*request) []uuid.UUID {
	var ids []uuid.UUID
	for _, req := range live {
		for _, wr := range req.writes {
			for _, p := range wr.Events {
				ids = append(ids, p.ID)
			}
		}
	}
	return ids
}

func (w *writer) uncachedStreams(live []*request) []string {
	var out []string
	seen := make(map[string]bool)
	for _, req := range live {
		for _, wr := range req.writes {
			if _, ok := w.cache.get(wr.Stream); !ok && !seen[wr.Stream] {
				seen[wr.Stream] = true
				out = append(out, wr.Stream)
			}
		}
	}
	return out
}

// close releases the writer's statements and connection after run returned.
func (w *writer) close() error {
	w.ins.close()
	w.heads.close()
	w.keys.close()
	w.look.close()
	return w.conn.Close()
}
