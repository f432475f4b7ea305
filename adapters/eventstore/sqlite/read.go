package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/traceledger/traceledger/domain/event"
)

// readStmts are the read queries, prepared once on the reader pool. Each runs
// in its own implicit transaction, so it sees one committed snapshot.
type readStmts struct {
	stream *sql.Stmt
	all    *sql.Stmt
	cats   *sql.Stmt
	head   *sql.Stmt
}

func prepareReads(ctx context.Context, db *sql.DB) (*readStmts, error) {
	var r readStmts
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = db.PrepareContext(ctx, q)
		return st
	}
	// A stream's events are linked, last to first, from streams.last_position;
	// the walk stops below fromVersion.
	r.stream = prep(`WITH RECURSIVE chain(p) AS (
			SELECT last_position FROM streams WHERE stream = ?
			UNION ALL
			SELECT e.prev_position FROM chain JOIN events e ON e.position = chain.p
			WHERE e.version > ? AND e.prev_position IS NOT NULL)
		SELECT ` + columns + ` FROM events WHERE position IN (SELECT p FROM chain) AND version >= ? ORDER BY position`)
	r.all = prep("SELECT " + columns + " FROM events WHERE position > ? ORDER BY position LIMIT ?")
	// A type's category is its first segment (event.Category); the
	// categories come as one JSON array, so one statement serves any number.
	r.cats = prep("SELECT " + columns + ` FROM events WHERE position > ? AND position <= ?
		AND (CASE WHEN instr(type, '.') > 0 THEN substr(type, 1, instr(type, '.') - 1) ELSE type END) IN (SELECT value FROM json_each(?))
		ORDER BY position LIMIT ?`)
	r.head = prep("SELECT COALESCE(MAX(position), 0) FROM events")
	if err != nil {
		r.close()
		return nil, fmt.Errorf("prepare reads: %w", err)
	}
	return &r, nil
}

func (r *readStmts) close() {
	if r == nil {
		return
	}
	for _, st := range []*sql.Stmt{r.stream, r.all, r.cats, r.head} {
		if st != nil {
			st.Close()
		}
	}
}

// ReadStream returns the records of stream from version fromVersion on.
func (s *Store) ReadStream(ctx context.Context, stream string, fromVersion uint64) ([]event.Record, error) {
	from := clampInt64(fromVersion)
	rows, err := s.reads.stream.QueryContext(ctx, stream, from, from)
	if err != nil {
		return nil, s.readErr(fmt.Errorf("read stream %q: %w", stream, err))
	}
	recs, err := scanRecords(rows, 0)
	if err != nil {
		return nil, s.readErr(fmt.Errorf("read stream %q: %w", stream, err))
	}
	return recs, nil
}

// ReadAll returns up to limit records after position after, in order.
func (s *Store) ReadAll(ctx context.Context, after uint64, limit int) ([]event.Record, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("read all after %d: limit %d must be positive", after, limit)
	}
	rows, err := s.reads.all.QueryContext(ctx, clampInt64(after), limit)
	if err != nil {
		return nil, s.readErr(fmt.Errorf("read all after %d: %w", after, err))
	}
	recs, err := scanRecords(rows, limit)
	if err != nil {
		return nil, s.readErr(fmt.Errorf("read all after %d: %w", after, err))
	}
	return recs, nil
}

// Head returns the last committed position. A writable store knows it without
// a query; a read-only one asks the database, which another process writes.
func (s *Store) Head(ctx context.Context) (uint64, error) {
	if s.w != nil {
		if s.notify.isClosed() {
			return 0, fmt.Errorf("head: %w", ErrClosed)
		}
		h, _ := s.notify.current()
		return h, nil
	}
	return s.dbHead(ctx)
}

func (s *Store) dbHead(ctx context.Context) (uint64, error) {
	var h int64
	if err := s.reads.head.QueryRowContext(ctx).Scan(&h); err != nil {
		return 0, s.readErr(fmt.Errorf("head: %w", err))
	}
	return uint64(h), nil
}

// readErr marks errors caused by a closed store as ErrClosed.
func (s *Store) readErr(err error) error {
	if s.notify.isClosed() && !errors.Is(err, ErrClosed) {
		return fmt.Errorf("%w: %w", ErrClosed, err)
	}
	return err
}

// clampInt64 maps a uint64 bound onto SQLite's signed integers.
func clampInt64(v uint64) int64 {
	if v > 1<<63-1 {
		return 1<<63 - 1
	}
	return int64(v)
}
