// Package authstore keeps the ledger's bearer tokens. Ledger, the token
// port a server uses, keeps them in the event log as token grants and
// revocations, shared by every process on the store. Store is the older
// file, tokens.db, in the data directory: `traceledger token` writes there
// while a server holds an embedded ledger, and Ledger moves its tokens into
// the log. Only a SHA-256 of each token is stored anywhere: a copy of the
// log or the file lets nobody in.
package authstore

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// DefaultCacheTTL is how long a server trusts a token it has checked before
// reading it again. It bounds how long a revocation made by another process
// (the CLI) takes to reach a running server; a revocation through the same
// Store takes effect at once.
const DefaultCacheTTL = 30 * time.Second

// Options tunes a Store.
type Options struct {
	// CacheTTL is how long authenticated tokens are cached in memory;
	// 0 means DefaultCacheTTL, negative disables the cache.
	CacheTTL time.Duration
}

// Store is the token store. It is safe for concurrent use.
type Store struct {
	db    *sql.DB
	cache *cache
	now   func() time.Time
}

const schema = `
CREATE TABLE IF NOT EXISTS tokens (
	id           TEXT PRIMARY KEY,
	token_sha256 TEXT NOT NULL UNIQUE,
	role         TEXT NOT NULL,
	uscc         TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	revoked      INTEGER NOT NULL DEFAULT 0,
	revoked_at   TEXT
)`

// Open opens (creating if needed) the token store at path.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("token store %q: %w", path, err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	dsn := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open token store %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("open token store %s: create schema: %w", path, err)
	}
	ttl := opts.CacheTTL
	if ttl == 0 {
		ttl = DefaultCacheTTL
	}
	s := &Store{db: db, now: time.Now}
	s.cache = newCache(ttl, func() time.Time { return s.now() })
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close token store: %w", err)
	}
	return nil
}
