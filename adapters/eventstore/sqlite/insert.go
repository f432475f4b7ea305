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
	stmts [insertChunk + 1]*sql.Stmt
}

// insert writes the rows whose column values args holds, numColumns per row.
func (in *inserter) insert(ctx context.Context, args []any) error {
	for len(args) > 0 {
		n := min(len(args)/numColumns, insertChunk)
		stmt, err := in.stmt(ctx, n)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, args[:n*numColumns]...); err != nil {
			return fmt.Errorf("insert %d rows: %w", n, err)
		}
		args = args[n*numColumns:]
	}
	return nil
}

func (in *inserter) stmt(ctx context.Context, rows int) (*sql.Stmt, error) {
	if s := in.stmts[rows]; s != nil {
		return s, nil
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", numColumns), ",") + ")"
	q := "INSERT OR ROLLBACK INTO events (" + columns + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+",", rows), ",")
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
