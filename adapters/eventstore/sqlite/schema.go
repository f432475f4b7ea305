package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// eventColumns are the columns of the events table that every version of
// the schema has, from the position to the hash.
const eventColumns = `		position       INTEGER PRIMARY KEY,
		event_id       TEXT    NOT NULL UNIQUE,
		stream         TEXT    NOT NULL,
		version        INTEGER NOT NULL,
		type           TEXT    NOT NULL,
		data           TEXT    NOT NULL,
		actor_uscc     TEXT    NOT NULL,
		actor_role     TEXT    NOT NULL,
		correlation_id TEXT    NOT NULL,
		causation_id   TEXT    NOT NULL,
		occurred_at    TEXT    NOT NULL,
		recorded_at    TEXT    NOT NULL,
		hash           TEXT    NOT NULL,
`

// migrations[i] takes the schema from user_version i to i+1. The events table
// is meant to be read by people too: a regulator with the sqlite3 CLI sees one
// row per event, its JSON data as text and the hash as lowercase hex, enough to
// recompute the chain with event.Canonical. Empty metadata is stored as an
// empty string, not NULL, so that each hashed value has one stored form.
var migrations = []string{
	`CREATE TABLE events (
` + eventColumns + `		UNIQUE (stream, version)
	)`,
	// 2: the (stream, version) index goes. Every append wrote a leaf of it at
	// its stream's place, and with many streams growing at once that was a
	// page written to the WAL per event, two thirds of the write volume. Each
	// event now links its stream's previous event (prev_position, NULL for a
	// stream's first), and streams holds each stream's version and last
	// position: one small row per stream, rewritten once per group commit.
	// Reading a stream walks the links back from streams.last_position.
	`ALTER TABLE events RENAME TO events_v1;
	CREATE TABLE events (
` + eventColumns + `		prev_position  INTEGER
	);
	INSERT INTO events SELECT e.*,
		(SELECT p.position FROM events_v1 p WHERE p.stream = e.stream AND p.version = e.version - 1)
		FROM events_v1 e ORDER BY e.position;
	CREATE TABLE streams (
		stream        TEXT    PRIMARY KEY,
		version       INTEGER NOT NULL,
		last_position INTEGER NOT NULL
	) WITHOUT ROWID;
	INSERT INTO streams SELECT stream, MAX(version), MAX(position) FROM events_v1 GROUP BY stream;
	DROP TABLE events_v1`,
	// 3: idempotency keys, written in the transaction of the append they
	// belong to. An append's records are consecutive in the log, so the key
	// names them by the first position and their count.
	`CREATE TABLE idempotency (
		scope          TEXT    NOT NULL,
		key            TEXT    NOT NULL,
		request_hash   TEXT    NOT NULL,
		result         TEXT    NOT NULL,
		first_position INTEGER NOT NULL,
		count          INTEGER NOT NULL,
		PRIMARY KEY (scope, key)
	) WITHOUT ROWID`,
}

// schemaVersion is the user_version this build writes and reads.
var schemaVersion = len(migrations)

// migrate brings the database on conn to schemaVersion, each step in its own
// transaction with the user_version bump, and refuses a newer schema.
func migrate(ctx context.Context, conn *sql.Conn) error {
	v, err := userVersion(ctx, conn)
	if err != nil {
		return err
	}
	if v > schemaVersion {
		return fmt.Errorf("schema version %d is newer than this build knows (%d)", v, schemaVersion)
	}
	for ; v < schemaVersion; v++ {
		if err := migrateStep(ctx, conn, v); err != nil {
			return fmt.Errorf("migrate schema %d -> %d: %w", v, v+1, err)
		}
	}
	return nil
}

func migrateStep(ctx context.Context, conn *sql.Conn, from int) (err error) {
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_, _ = conn.ExecContext(ctx, "ROLLBACK")
		}
	}()
	if _, err := conn.ExecContext(ctx, migrations[from]); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", from+1)); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	return err
}

// queryer is what both a pinned connection and a pool offer.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func userVersion(ctx context.Context, q queryer) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// checkSchema is the read-only opener's check: it cannot migrate, so the file
// must already be at schemaVersion.
func checkSchema(ctx context.Context, q queryer) error {
	v, err := userVersion(ctx, q)
	if err != nil {
		return err
	}
	if v != schemaVersion {
		return fmt.Errorf("schema version %d, this build reads %d", v, schemaVersion)
	}
	return nil
}
