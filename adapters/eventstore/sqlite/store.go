package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/traceledger/traceledger/domain/event"
)

// ErrInUse means another process holds the ledger open for writing. Two
// writers would fork the hash chain, so the second one is refused.
var ErrInUse = errors.New("ledger in use")

// ErrClosed is returned by calls on a closed store.
var ErrClosed = errors.New("event store closed")

// ErrReadOnly is returned by Append on a store opened with OpenReadOnly.
var ErrReadOnly = errors.New("event store opened read-only")

// Store is an event.Store in one SQLite file.
type Store struct {
	path    string
	readers *sql.DB
	reads   *readStmts
	notify  *notifier // the writer's commits; read-only stores poll instead
	w       *writer   // nil when read-only
	writeDB *sql.DB
	lock    *fileLock
	stats   counters

	closeOnce sync.Once
	closeErr  error
}

var _ event.Store = (*Store)(nil)

// Stats counts the writer's work since Open. Appends/Commits is how many
// appends a group commit carried on average: the fsyncs saved.
type Stats struct {
	Appends uint64 // requests decided (committed, repeated or refused)
	Events  uint64 // events written
	Commits uint64 // transactions committed
	Failed  uint64 // groups whose transaction failed
}

// Stats returns the writer's counters.
func (s *Store) Stats() Stats {
	return Stats{
		Appends: s.stats.appends.Load(),
		Events:  s.stats.events.Load(),
		Commits: s.stats.commits.Load(),
		Failed:  s.stats.failed.Load(),
	}
}

// Append validates writes, hands them to the group-commit writer and waits for
// the verdict. If ctx ends while the request is queued it is dropped; once its
// group is running it commits or not regardless, and the caller, told only
// ctx's error, can learn the outcome by retrying (appends are idempotent).
func (s *Store) Append(ctx context.Context, writes ...event.Write) ([]event.Record, error) {
	return s.append(ctx, nil, writes)
}

// AppendKeyed is Append that records k in the append's transaction; see
// event.KeyedStore.
func (s *Store) AppendKeyed(ctx context.Context, k event.Key, writes ...event.Write) ([]event.Record, error) {
	k.Result = append(json.RawMessage(nil), k.Result...)
	return s.append(ctx, &k, writes)
}

func (s *Store) append(ctx context.Context, k *event.Key, writes []event.Write) ([]event.Record, error) {
	if err := event.Validate(writes); err != nil {
		return nil, fmt.Errorf("append: %w", err)
	}
	if s.w == nil {
		return nil, fmt.Errorf("append: %w", ErrReadOnly)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("append: %w", err)
	}
	req := &request{ctx: ctx, key: k, done: make(chan response, 1)}
	req.writes, req.texts, req.events = ownWrites(writes)
	if err := s.w.queue.put(ctx, req); err != nil {
		return nil, fmt.Errorf("append: %w", err)
	}
	select {
	case res := <-req.done:
		return res.recs, res.err
	case <-ctx.Done():
		return nil, fmt.Errorf("append: outcome unknown: %w", ctx.Err())
	}
}

// ownWrites copies writes deep enough that a caller reusing its slices or data
// buffers, even after giving up on ctx, cannot change what the writer stores.
// It also does here, on the caller's goroutine, the per-event work that needs
// nothing from the log: normalising the occurred time and the text form of
// the id, occurred time and data, so the single writer does not.
func ownWrites(writes []event.Write) ([]event.Write, [][]eventText, int) {
	out := make([]event.Write, len(writes))
	texts := make([][]eventText, len(writes))
	n := 0
	for i, w := range writes {
		evs := make([]event.Pending, len(w.Events))
		ts := make([]eventText, len(w.Events))
		for j, p := range w.Events {
			p.Metadata.OccurredAt = event.NormalizeTime(p.Metadata.OccurredAt)
			data := string(p.Data)
			p.Data = []byte(data)
			evs[j] = p
			ts[j] = eventText{id: p.ID.String(), occurred: event.FormatTime(p.Metadata.OccurredAt), data: data}
		}
		w.Events = evs
		out[i] = w
		texts[i] = ts
		n += len(evs)
	}
	return out, texts, n
}

// Close stops accepting appends, commits every one already queued, wakes
// subscribers with ErrClosed, closes the database and releases the lock. A
// second Close returns the first one's result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.close() })
	return s.closeErr
}

func (s *Store) close() error {
	var errs []error
	if s.w != nil {
		s.w.stop()
		errs = append(errs, s.w.close(), s.writeDB.Close())
	}
	s.notify.close()
	s.reads.close()
	errs = append(errs, s.readers.Close(), s.lock.unlock())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}
