package clickhouse

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// migrationsDDL records which statements of which table have been applied.
// A MergeTree without partitions: a handful of rows, read whole.
const migrationsDDL = `CREATE TABLE IF NOT EXISTS {db}.schema_migrations (
	name String,
	version UInt32,
	checksum String,
	applied_at DateTime
) ENGINE = MergeTree() ORDER BY (name, version)`

// Migrate creates the database if missing, then applies, in order, each table's migrations that the database has
// not recorded yet, recording each one after it succeeds. A statement and
// its record are two steps, so a crash between them runs the statement
// again: write migrations that may run twice (CREATE ... IF NOT EXISTS).
//
// A recorded migration whose text has changed since is an error rather than
// something to re-run: the schema in the database would no longer be the one
// the code describes. Change a schema with a new migration.
//
// Migrations of one database are meant to be run by one process at a time
// (the sink, at its start).
func Migrate(ctx context.Context, c *Conn, tables ...Table) error {
	if err := c.Exec(ctx, "CREATE DATABASE IF NOT EXISTS {db}"); err != nil {
		return fmt.Errorf("create database %s: %w", c.db, err)
	}
	if err := c.Exec(ctx, migrationsDDL); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	applied, err := appliedMigrations(ctx, c)
	if err != nil {
		return err
	}
	for _, t := range tables {
		for i, stmt := range t.Migrations() {
			key := migrationKey{t.Name(), uint32(i + 1)}
			sum := checksum(stmt)
			if got, ok := applied[key]; ok {
				if got != sum {
					return fmt.Errorf("migration %s #%d changed after it was applied: add a new migration instead", key.name, key.version)
				}
				continue
			}
			if err := c.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("migration %s #%d: %w", key.name, key.version, err)
			}
			if err := recordMigration(ctx, c, key, sum); err != nil {
				return fmt.Errorf("record migration %s #%d: %w", key.name, key.version, err)
			}
			applied[key] = sum
		}
	}
	return nil
}

type migrationKey struct {
	name    string
	version uint32
}

func appliedMigrations(ctx context.Context, c *Conn) (map[migrationKey]string, error) {
	rows, err := c.Query(ctx, "SELECT name, version, checksum FROM {db}.schema_migrations")
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	applied := map[migrationKey]string{}
	for rows.Next() {
		var k migrationKey
		var sum string
		if err := rows.Scan(&k.name, &k.version, &sum); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", err)
		}
		applied[k] = sum
	}
	return applied, rows.Err()
}

// recordMigration inserts one row as a batch: an INSERT with its values in
// the statement waits for a data block forever on 18.16.
func recordMigration(ctx context.Context, c *Conn, key migrationKey, sum string) error {
	b, err := c.Native().PrepareBatch(ctx, c.SQL("INSERT INTO {db}.schema_migrations (name, version, checksum, applied_at) VALUES"))
	if err != nil {
		return err
	}
	if err := b.Append(key.name, key.version, sum, time.Now().UTC()); err != nil {
		_ = b.Abort()
		return err
	}
	return b.Send()
}

// checksum identifies a statement's text.
func checksum(stmt string) string {
	h := sha256.Sum256([]byte(stmt))
	return hex.EncodeToString(h[:])
}
