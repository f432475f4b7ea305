package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// insertChunk is the most rows one INSERT statement carries. One statement per
// chunk instead of per row saves the driver's per-call cost; 64 rows bind 832
// parameters, far below SQLite's limit of 32766.
const insertChunk = 64

// inserter writes rows through multi-row INSERT statements prepared on the
// write connection, one per row count, on first use.
type inserter struct {
	conn  *sql.Conn
	head  string // the statement up to VALUES
	tail  string // what follows the rows, if anything
	width int    // parameters per row
	stmts [insertChunk + 1]*sql.Stmt
}

// eventInserter writes events rows (appendRow's values).
func eventInserter(conn *sql.Conn) inserter {
	return inserter{conn: conn, width: numColumns,
		head: "INSERT OR ROLLBACK INTO events (" + insertColumns + ") VALUES "}
}

// streamUpserter writes streams rows (appendHead's values), new or not.
func streamUpserter(conn *sql.Conn) inserter {
	return inserter{conn: conn, width: 3,
		head: "INSERT INTO streams (stream, version, last_position) VALUES ",
		tail: " ON CONFLICT (stream) DO UPDATE SET version = excluded.version, last_position = excluded.last_position"}
}

// keyInserter writes idempotency rows (group.keyArgs' values).
func keyInserter(conn *sql.Conn) inserter {
	return inserter{conn: conn, width: 6,
		head: "INSERT INTO idempotency (scope, key, request_hash, result, first_position, count) VALUES "}
}

// appendHead appends a streams row's values to args.
func appendHead(args []any, stream string, h streamHead) []any {
	return append(args, stream, int64(h.version), int64(h.last))
}

// insert writes the rows whose column values args holds, width per row.
func (in *inserter) insert(ctx context.Context, args []any) error {
	for len(args) > 0 {
		n := min(len(args)/in.width, insertChunk)
		stmt, err := in.stmt(ctx, n)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, args[:n*in.width]...); err != nil {
			return fmt.Errorf("insert %d rows: %w", n, err)
		}
		args = args[n*in.width:]
	}
	return nil
}

func (in *inserter) stmt(ctx context.Context, rows int) (*sql.Stmt, error) {
	if s := in.stmts[rows]; s != nil {
		return s, nil
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", in.width), ",") + ")"
	q := in.head + strings.TrimSuffix(strings.Repeat(row+",", rows), ",") + in.tail
	s, err := in.conn.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("prepare insert of %d rows: %w", rows, err)
	}
	in.stmts[rows] = s
	return s, nil
}

// close releases the prepared statements.
func (in *inserter) close() {
	for i, s := range in.stmts {
		if s != nil {
			s.Close()
			in.stmts[i] = nil
		}
	}
}
