package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// busyTimeoutMS lets a reader wait out a checkpoint instead of failing.
const busyTimeoutMS = 5000

// dsn builds a SQLite URI for path. mode is "rwc" for the writer (create if
// missing) or "ro" for readers, which SQLite then refuses to let write.
func dsn(path, mode string, pragmas ...string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("ledger path %q: %w", path, err)
	}
	q := url.Values{}
	q.Set("mode", mode)
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}
	// url.URL writes "file:///abs"; SQLite accepts it, and escapes '?' and '#'.
	return u.String(), nil
}

// writePragmas are the writer connection's settings, run in this order on a
// new connection. page_size only takes effect on a new, empty database, before
// WAL mode is entered. WAL lets readers run beside the writer; synchronous
// decides whether each commit waits for fsync.
func writePragmas(synchronous string) []string {
	return []string{
		"PRAGMA page_size = 4096",
		"PRAGMA journal_mode = WAL",
		"PRAGMA synchronous = " + synchronous,
		"PRAGMA cache_size = -32768", // 32 MiB: keeps the unique indexes' hot pages in memory
		"PRAGMA temp_store = MEMORY",
		// Checkpoint every ~40 MiB of WAL rather than 4: index pages rewritten
		// by many commits are copied into the database once, not many times.
		"PRAGMA wal_autocheckpoint = 10000",
		"PRAGMA journal_size_limit = 67108864", // give back a WAL that grew past 64 MiB
	}
}

// openWriter opens the single write connection of path, pinned so that
// statements prepared on it and explicit BEGIN/COMMIT stay on one connection.
func openWriter(ctx context.Context, path, synchronous string) (*sql.DB, *sql.Conn, error) {
	name, err := dsn(path, "rwc")
	if err != nil {
		return nil, nil, err
	}
	db, err := sql.Open("sqlite", name)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	conn, err := db.Conn(ctx)
	if err == nil {
		err = setPragmas(ctx, conn, writePragmas(synchronous))
	}
	if err != nil {
		if conn != nil {
			conn.Close()
		}
		db.Close()
		return nil, nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, conn, nil
}

// setPragmas runs each pragma and checks that journal_mode took: a database
// that cannot enter WAL mode would make readers block the writer.
func setPragmas(ctx context.Context, conn *sql.Conn, pragmas []string) error {
	for _, p := range pragmas {
		var mode string
		if err := conn.QueryRowContext(ctx, p).Scan(&mode); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%s: %w", p, err)
		}
		if strings.Contains(p, "journal_mode") && !strings.EqualFold(mode, "wal") {
			return fmt.Errorf("%s: journal mode is %q", p, mode)
		}
	}
	return nil
}

// openReaders opens a pool of read-only connections; in WAL mode they read a
// consistent snapshot while the writer commits.
func openReaders(ctx context.Context, path string, conns int) (*sql.DB, error) {
	name, err := dsn(path, "ro", "query_only(1)")
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", name)
	if err != nil {
		return nil, fmt.Errorf("open %s for reading: %w", path, err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s for reading: %w", path, err)
	}
	return db, nil
}

// execer is what both a pinned connection and a pool offer for statements.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
