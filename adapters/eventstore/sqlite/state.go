package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

// tail is what the next commit builds on: the last position, its hash (the
// next record's chain link) and its recorded time, which later records never
// go below even if the wall clock steps back.
type tail struct {
	head     uint64
	hash     [32]byte
	recorded time.Time
}

// loadTail reads the log's last record; an empty log has the zero tail.
func loadTail(ctx context.Context, q queryer) (tail, error) {
	var (
		pos            int64
		hash, recorded string
	)
	err := q.QueryRowContext(ctx, "SELECT position, hash, recorded_at FROM events ORDER BY position DESC LIMIT 1").Scan(&pos, &hash, &recorded)
	if errors.Is(err, sql.ErrNoRows) {
		return tail{}, nil
	}
	if err != nil {
		return tail{}, fmt.Errorf("load tail: %w", err)
	}
	t := tail{head: uint64(pos)}
	if t.hash, err = parseHash(hash); err != nil {
		return tail{}, fmt.Errorf("load tail at %d: %w", pos, err)
	}
	if t.recorded, err = event.ParseTime(recorded); err != nil {
		return tail{}, fmt.Errorf("load tail at %d: recorded_at: %w", pos, err)
	}
	return t, nil
}

// recordTime is the recorded time of a commit made now after t.
func (t tail) recordTime(now time.Time) time.Time {
	now = event.NormalizeTime(now)
	if now.Before(t.recorded) {
		return t.recorded
	}
	return now
}

// streamHead is a stream's committed version and the position of its last
// event (0 for a stream with no events), which the next event links to.
type streamHead struct {
	version, last uint64
}

// versionCache remembers each stream's committed head so expected-version
// checks and links need no query. It is bounded: when full it starts over, and streams
// are reloaded from the database as they are met again.
type versionCache struct {
	limit int
	m     map[string]streamHead
}

func newVersionCache(limit int) *versionCache {
	return &versionCache{limit: limit, m: make(map[string]streamHead)}
}

func (c *versionCache) get(stream string) (streamHead, bool) {
	v, ok := c.m[stream]
	return v, ok
}

func (c *versionCache) set(stream string, h streamHead) { c.m[stream] = h }

// trim starts over when the cache is full; the writer calls it between groups
// only, so a group never loses the versions it loaded.
func (c *versionCache) trim() {
	if len(c.m) >= c.limit {
		c.m = make(map[string]streamHead)
	}
}

// reset forgets everything, after a failed commit left the cache unreliable.
func (c *versionCache) reset() { c.m = make(map[string]streamHead) }
