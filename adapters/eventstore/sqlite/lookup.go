package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// lookups are the writer's two queries per group. Each takes the whole
// group's keys as one JSON array (json_each), so one prepared statement serves
// any group size, and SQLite probes the unique indexes once per key.
type lookups struct {
	id       *sql.Stmt // the common group of one event: a plain index probe
	ids      *sql.Stmt
	versions *sql.Stmt
	key      *sql.Stmt
}

func prepareLookups(ctx context.Context, conn *sql.Conn) (_ *lookups, err error) {
	var l lookups
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = conn.PrepareContext(ctx, q)
		return st
	}
	l.id = prep("SELECT " + columns + " FROM events WHERE event_id = ?")
	l.ids = prep("SELECT " + columns + " FROM events WHERE event_id IN (SELECT value FROM json_each(?))")
	l.versions = prep("SELECT stream, version, last_position FROM streams WHERE stream IN (SELECT value FROM json_each(?))")
	l.key = prep("SELECT count(*) FROM idempotency WHERE scope = ? AND key = ?")
	if err != nil {
		l.close()
		return nil, fmt.Errorf("prepare writer lookups: %w", err)
	}
	return &l, nil
}

// storedIDs returns the stored records among ids: an event id is unique in the
// log, so these are the only candidates for a repeat or a duplicate.
func (l *lookups) storedIDs(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]event.Record, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	if len(ids) == 1 {
		return l.collect(l.id.QueryContext(ctx, ids[0].String()))
	}
	buf := make([]byte, 0, 2+len(ids)*39)
	buf = append(buf, '[')
	for i, id := range ids {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '"')
		buf = append(buf, id.String()...)
		buf = append(buf, '"')
	}
	buf = append(buf, ']')
	return l.collect(l.ids.QueryContext(ctx, string(buf)))
}

func (l *lookups) collect(rows *sql.Rows, err error) (map[uuid.UUID]event.Record, error) {
	if err != nil {
		return nil, fmt.Errorf("look up event ids: %w", err)
	}
	recs, err := scanRecords(rows, 0)
	if err != nil {
		return nil, fmt.Errorf("look up event ids: %w", err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	out := make(map[uuid.UUID]event.Record, len(recs))
	for _, r := range recs {
		out[r.ID] = r
	}
	return out, nil
}

// streamVersions loads the committed head of each stream into c; streams
// with no events get the zero head.
func (l *lookups) streamVersions(ctx context.Context, streams []string, c *versionCache) error {
	if len(streams) == 0 {
		return nil
	}
	arg, err := json.Marshal(streams)
	if err != nil {
		return fmt.Errorf("look up stream versions: %w", err)
	}
	rows, err := l.versions.QueryContext(ctx, string(arg))
	if err != nil {
		return fmt.Errorf("look up stream versions: %w", err)
	}
	defer rows.Close()
	found := make(map[string]streamHead, len(streams))
	for rows.Next() {
		var (
			s       string
			v, last int64
		)
		if err := rows.Scan(&s, &v, &last); err != nil {
			return fmt.Errorf("look up stream versions: %w", err)
		}
		found[s] = streamHead{version: uint64(v), last: uint64(last)}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("look up stream versions: %w", err)
	}
	for _, s := range streams {
		c.set(s, found[s])
	}
	return nil
}

// recordedKeys returns the idempotency keys of the group's requests that
// are already recorded.
func (l *lookups) recordedKeys(ctx context.Context, live []*request) (map[scopeKey]bool, error) {
	var out map[scopeKey]bool
	for _, req := range live {
		if req.key == nil {
			continue
		}
		var n int
		if err := l.key.QueryRowContext(ctx, req.key.Scope, req.key.Key).Scan(&n); err != nil {
			return nil, fmt.Errorf("look up idempotency key: %w", err)
		}
		if n > 0 {
			if out == nil {
				out = make(map[scopeKey]bool)
			}
			out[scopeKey{req.key.Scope, req.key.Key}] = true
		}
	}
	return out, nil
}

func (l *lookups) close() {
	for _, st := range []*sql.Stmt{l.id, l.ids, l.versions, l.key} {
		if st != nil {
			st.Close()
		}
	}
}
