// Package idempotency keeps the first answer to each command sent with an
// Idempotency-Key, in SQLite (idempotency.db in the data directory), so that
// a client retrying after a lost answer gets that answer again instead of
// recording its event twice, even across a restart of the server. It
// implements httpapi.Idempotency.
package idempotency

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver

	"github.com/traceledger/traceledger/adapters/httpapi"
)

// DefaultTTL is how long a key is remembered: long enough for any sane
// retry, short enough that the table stays small.
const DefaultTTL = 24 * time.Hour

// purgeEvery saves, expired keys are deleted.
const purgeEvery = 1000

// Options tunes a Store.
type Options struct {
	// TTL is how long a key is remembered (default DefaultTTL).
	TTL time.Duration
}

// Store is the SQLite idempotency store. It is safe for concurrent use.
type Store struct {
	db    *sql.DB
	ttl   time.Duration
	now   func() time.Time
	saves atomic.Int64
}

var _ httpapi.Idempotency = (*Store)(nil)

const schema = `
CREATE TABLE IF NOT EXISTS idempotency_keys (
	scope        TEXT NOT NULL,
	key          TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	status       INTEGER NOT NULL,
	body         BLOB NOT NULL,
	position     INTEGER NOT NULL,
	created_at   INTEGER NOT NULL, -- unix milliseconds
	PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON idempotency_keys (created_at);`

// Open opens (creating if needed) the store at path.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("idempotency store %q: %w", path, err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	dsn := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open idempotency store %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("open idempotency store %s: create schema: %w", path, err)
	}
	ttl := opts.TTL
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	return &Store{db: db, ttl: ttl, now: time.Now}, nil
}

// Lookup returns the answer kept for (scope, key), if any and not expired.
func (s *Store) Lookup(ctx context.Context, scope, key string) (httpapi.SavedResponse, bool, error) {
	var r httpapi.SavedResponse
	var position int64
	err := s.db.QueryRowContext(ctx,
		`SELECT request_hash, status, body, position FROM idempotency_keys
		 WHERE scope = ? AND key = ? AND created_at >= ?`,
		scope, key, s.cutoff()).Scan(&r.RequestHash, &r.Status, &r.Body, &position)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return httpapi.SavedResponse{}, false, nil
	case err != nil:
		return httpapi.SavedResponse{}, false, fmt.Errorf("look up idempotency key: %w", err)
	}
	r.Position = uint64(position)
	return r, true, nil
}

// Save keeps resp for (scope, key) unless an unexpired answer is kept
// already (the first answer wins). Every so often it deletes expired keys.
func (s *Store) Save(ctx context.Context, scope, key string, resp httpapi.SavedResponse) error {
	body := resp.Body
	if body == nil {
		body = []byte{}
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO idempotency_keys (scope, key, request_hash, status, body, position, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (scope, key) DO UPDATE SET
		   request_hash = excluded.request_hash, status = excluded.status, body = excluded.body,
		   position = excluded.position, created_at = excluded.created_at
		 WHERE idempotency_keys.created_at < ?`,
		scope, key, resp.RequestHash, resp.Status, body, int64(resp.Position), s.now().UnixMilli(), s.cutoff())
	if err != nil {
		return fmt.Errorf("save idempotency key: %w", err)
	}
	if s.saves.Add(1)%purgeEvery == 0 {
		if _, err := s.Purge(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Purge deletes expired keys and says how many.
func (s *Store) Purge(ctx context.Context) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE created_at < ?`, s.cutoff())
	if err != nil {
		return 0, fmt.Errorf("purge idempotency keys: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("purge idempotency keys: %w", err)
	}
	return n, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close idempotency store: %w", err)
	}
	return nil
}

func (s *Store) cutoff() int64 { return s.now().Add(-s.ttl).UnixMilli() }
