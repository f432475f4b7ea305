package clickhouse

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// DefaultDatabase is the database used when the DSN names none: the
// ledger's tables do not belong in the server's "default" database.
const DefaultDatabase = "traceledger"

// databaseName is what a database name may be here: plain identifiers need
// no quoting in any SQL the package, its migrations or analysts write.
var databaseName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Conn is a connection pool to one ClickHouse server and the database the
// DSN names. Statements given to Exec, Query and QueryRow may write {db} for
// that database, as migrations do; names are always qualified, so the pool
// itself connects to the user's default database (the DSN's may not exist
// yet when it dials).
type Conn struct {
	native driver.Conn
	db     string
}

// Open connects to the server of dsn (see Dial) and creates its database if
// missing. It fails when the server cannot be reached.
func Open(ctx context.Context, dsn string) (*Conn, error) {
	c, err := Dial(dsn)
	if err != nil {
		return nil, err
	}
	if err := c.Exec(ctx, "CREATE DATABASE IF NOT EXISTS {db}"); err != nil {
		c.Close()
		return nil, fmt.Errorf("clickhouse create database %s: %w", c.db, err)
	}
	return c, nil
}

// Dial checks dsn (clickhouse://[user[:password]@]host:port/db[?param=value],
// clickhouse-go's DSN syntax; tcp:// is the same) and builds the pool
// without talking to the server, which may be down: a server that starts
// with ClickHouse unreachable builds its sink with Dial, and the sink
// creates the database and tables once it gets through.
//
// Only the native protocol (port 9000 by default) is taken: clickhouse-go's
// HTTP client sends a setting ClickHouse 18.16 refuses, so an http(s) DSN
// would work against some servers and not others.
func Dial(dsn string) (*Conn, error) {
	opts, err := ch.ParseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("clickhouse DSN: %w", err)
	}
	if opts.Protocol != ch.Native {
		return nil, fmt.Errorf("clickhouse DSN: use the native protocol (clickhouse://host:9000/db), not %s", opts.Protocol)
	}
	db := opts.Auth.Database
	if db == "" {
		db = DefaultDatabase
	}
	if !databaseName.MatchString(db) {
		return nil, fmt.Errorf("clickhouse DSN: database %q: want letters, digits and underscores", db)
	}
	opts.Auth.Database = ""
	if opts.Auth.Username == "" {
		opts.Auth.Username = "default"
	}
	if opts.DialTimeout == 0 {
		opts.DialTimeout = 5 * time.Second
	}
	native, err := ch.Open(opts)
	if err != nil {
		return nil, fmt.Errorf("clickhouse open %s: %w", strings.Join(opts.Addr, ","), err)
	}
	return &Conn{native: native, db: db}, nil
}

// Database is the DSN's database.
func (c *Conn) Database() string { return c.db }

// SQL replaces {db} in q with the database name.
func (c *Conn) SQL(q string) string { return strings.ReplaceAll(q, "{db}", c.db) }

// Exec runs a statement that returns no rows.
func (c *Conn) Exec(ctx context.Context, q string, args ...any) error {
	return c.native.Exec(ctx, c.SQL(q), args...)
}

// Query runs a query; the caller closes the rows.
func (c *Conn) Query(ctx context.Context, q string, args ...any) (driver.Rows, error) {
	return c.native.Query(ctx, c.SQL(q), args...)
}

// QueryRow runs a query answering one row.
func (c *Conn) QueryRow(ctx context.Context, q string, args ...any) driver.Row {
	return c.native.QueryRow(ctx, c.SQL(q), args...)
}

// Native is the clickhouse-go connection, for what the methods above do not
// cover (batch inserts, Select into structs). Its statements are not
// rewritten: use SQL for {db}.
func (c *Conn) Native() driver.Conn { return c.native }

// Close closes the pool.
func (c *Conn) Close() error { return c.native.Close() }
