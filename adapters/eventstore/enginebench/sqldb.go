package enginebench

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"

	"github.com/traceledger/traceledger/domain/event"
)

// sqlDB is a SQLite candidate driven through database/sql, as today's store
// is: one pinned write connection, statements prepared once per row count.
type sqlDB struct {
	db    *sql.DB
	conn  *sql.Conn
	path  string
	drv   string
	ins   map[int]*sql.Stmt
	ups   map[int]*sql.Stmt
	args  []any
	reads *sql.DB
}

// openSQLDB opens a fresh database in dir with driver drv; dsn makes the
// driver's name for a file.
func openSQLDB(ctx context.Context, drv, path string, dsn func(string) string) (*sqlDB, error) {
	db, err := sql.Open(drv, dsn(path))
	if err != nil {
		return nil, fmt.Errorf("%s: open: %w", drv, err)
	}
	// The pinned write connection, and one for the replay.
	db.SetMaxOpenConns(2)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: open: %w", drv, err)
	}
	for _, p := range append(sqlPragmas, sqlSchema) {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			conn.Close()
			db.Close()
			return nil, fmt.Errorf("%s: %s: %w", drv, p, err)
		}
	}
	return &sqlDB{db: db, conn: conn, path: path, drv: drv, ins: map[int]*sql.Stmt{}, ups: map[int]*sql.Stmt{}}, nil
}

func (s *sqlDB) stmt(ctx context.Context, m map[int]*sql.Stmt, n int, q func(int) string) (*sql.Stmt, error) {
	if st := m[n]; st != nil {
		return st, nil
	}
	st, err := s.conn.PrepareContext(ctx, q(n))
	if err != nil {
		return nil, err
	}
	m[n] = st
	return st, nil
}

func (s *sqlDB) commit(ctx context.Context, g *group) (err error) {
	if _, err := s.conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_, _ = s.conn.ExecContext(ctx, "ROLLBACK")
		}
	}()
	for lo := 0; lo < len(g.recs); lo += sqlChunk {
		hi := min(lo+sqlChunk, len(g.recs))
		s.args = s.args[:0]
		for i := lo; i < hi; i++ {
			s.args = rowArgs(s.args, g, i)
		}
		st, err := s.stmt(ctx, s.ins, hi-lo, insertSQL)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, s.args...); err != nil {
			return fmt.Errorf("insert: %w", err)
		}
	}
	heads := headArgs(g)
	for len(heads) > 0 {
		n := min(len(heads)/3, sqlChunk)
		st, err := s.stmt(ctx, s.ups, n, upsertSQL)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, heads[:3*n]...); err != nil {
			return fmt.Errorf("upsert streams: %w", err)
		}
		heads = heads[3*n:]
	}
	_, err = s.conn.ExecContext(ctx, "COMMIT")
	return err
}

// replay scans the events table in one query on a connection of its own
// and decodes the rows on the decoders.
func (s *sqlDB) replay(ctx context.Context, fn func([]event.Record) error) error {
	rs, err := s.db.QueryContext(ctx, sqlReplay)
	if err != nil {
		return err
	}
	defer rs.Close()
	return decodeOrdered(ctx, func(emit func([]sqlRow) error) error {
		page := make([]sqlRow, 0, replayPage)
		for rs.Next() {
			var w sqlRow
			if err := rs.Scan(&w.pos, &w.id, &w.stream, &w.ver, &w.typ, &w.data, &w.actor, &w.role, &w.corr, &w.caus, &w.occ, &w.recorded, &w.hashx); err != nil {
				return err
			}
			if page = append(page, w); len(page) == replayPage {
				if err := emit(page); err != nil {
					return err
				}
				page = make([]sqlRow, 0, replayPage)
			}
		}
		if err := rs.Err(); err != nil {
			return err
		}
		if len(page) > 0 {
			return emit(page)
		}
		return nil
	}, decodeRows, fn)
}

func (s *sqlDB) close() error {
	for _, m := range []map[int]*sql.Stmt{s.ins, s.ups} {
		for _, st := range m {
			st.Close()
		}
	}
	s.conn.Close()
	return s.db.Close()
}

// fileURI is a file: URI for path with the given query.
func fileURI(path string, q url.Values) string {
	abs, _ := filepath.Abs(path)
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}
	return u.String()
}
