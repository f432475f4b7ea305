package enginebench

import (
	"context"
	"encoding/hex"
	"fmt"
	"path/filepath"

	"github.com/ncruces/go-sqlite3"
	"github.com/traceledger/traceledger/domain/event"
)

// ncrucesDB is the SQLite candidate on github.com/ncruces/go-sqlite3's own
// API: same schema, pragmas and statements as the database/sql ones.
type ncrucesDB struct {
	conn *sqlite3.Conn
	path string
	ins  map[int]*sqlite3.Stmt
	ups  map[int]*sqlite3.Stmt
}

func openNcruces(ctx context.Context, dir string) (engine, error) {
	path := filepath.Join(dir, "ncruces.db")
	conn, err := sqlite3.OpenContext(ctx, fileURI(path, nil))
	if err != nil {
		return nil, fmt.Errorf("ncruces: open: %w", err)
	}
	for _, p := range append(sqlPragmas, sqlSchema) {
		if err := conn.Exec(p); err != nil {
			conn.Close()
			return nil, fmt.Errorf("ncruces: %s: %w", p, err)
		}
	}
	return &ncrucesDB{conn: conn, path: path, ins: map[int]*sqlite3.Stmt{}, ups: map[int]*sqlite3.Stmt{}}, nil
}

func (n *ncrucesDB) stmt(m map[int]*sqlite3.Stmt, rows int, q func(int) string) (*sqlite3.Stmt, error) {
	if st := m[rows]; st != nil {
		return st, nil
	}
	st, _, err := n.conn.Prepare(q(rows))
	if err != nil {
		return nil, err
	}
	m[rows] = st
	return st, nil
}

func (n *ncrucesDB) commit(_ context.Context, g *group) (err error) {
	if err := n.conn.Exec("BEGIN IMMEDIATE"); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = n.conn.Exec("ROLLBACK")
		}
	}()
	for lo := 0; lo < len(g.recs); lo += sqlChunk {
		hi := min(lo+sqlChunk, len(g.recs))
		st, err := n.stmt(n.ins, hi-lo, insertSQL)
		if err != nil {
			return err
		}
		for i := lo; i < hi; i++ {
			bindRow(st, 1+(i-lo)*sqlRowWidth, g, i)
		}
		if err := st.Exec(); err != nil {
			return fmt.Errorf("insert: %w", err)
		}
	}
	heads := headArgs(g)
	for len(heads) > 0 {
		rows := min(len(heads)/3, sqlChunk)
		st, err := n.stmt(n.ups, rows, upsertSQL)
		if err != nil {
			return err
		}
		for j := range rows {
			st.BindText(1+3*j, heads[3*j].(string))
			st.BindInt64(2+3*j, heads[3*j+1].(int64))
			st.BindInt64(3+3*j, heads[3*j+2].(int64))
		}
		if err := st.Exec(); err != nil {
			return fmt.Errorf("upsert streams: %w", err)
		}
		heads = heads[3*rows:]
	}
	return n.conn.Exec("COMMIT")
}

// bindRow binds record i of g from parameter at on.
func bindRow(st *sqlite3.Stmt, at int, g *group, i int) {
	r := &g.recs[i]
	st.BindInt64(at, int64(r.Position))
	st.BindText(at+1, g.texts[i].id)
	st.BindText(at+2, r.Stream)
	st.BindInt64(at+3, int64(r.Version))
	st.BindText(at+4, r.Type)
	st.BindRawText(at+5, r.Data)
	st.BindText(at+6, r.Metadata.ActorUSCC)
	st.BindText(at+7, r.Metadata.ActorRole)
	st.BindText(at+8, r.Metadata.CorrelationID)
	st.BindText(at+9, r.Metadata.CausationID)
	st.BindText(at+10, g.texts[i].occurred)
	st.BindText(at+11, g.recorded)
	st.BindText(at+12, hex.EncodeToString(r.Hash[:]))
	if g.prev[i] != 0 {
		st.BindInt64(at+13, int64(g.prev[i]))
	} else {
		st.BindNull(at + 13)
	}
}

// replay reads on a connection of its own, as the store's readers do.
func (n *ncrucesDB) replay(ctx context.Context, fn func([]event.Record) error) error {
	conn, err := sqlite3.OpenFlags(fileURI(n.path, nil), sqlite3.OPEN_READONLY|sqlite3.OPEN_URI)
	if err != nil {
		return fmt.Errorf("ncruces: open for reading: %w", err)
	}
	defer conn.Close()
	st, _, err := conn.Prepare(sqlReplay)
	if err != nil {
		return err
	}
	defer st.Close()
	return decodeOrdered(ctx, func(emit func([]sqlRow) error) error {
		page := make([]sqlRow, 0, replayPage)
		for st.Step() {
			page = append(page, sqlRow{
				pos: st.ColumnInt64(0), id: st.ColumnText(1), stream: st.ColumnText(2), ver: st.ColumnInt64(3),
				typ: st.ColumnText(4), data: st.ColumnBlob(5, nil), actor: st.ColumnText(6), role: st.ColumnText(7),
				corr: st.ColumnText(8), caus: st.ColumnText(9), occ: st.ColumnText(10), recorded: st.ColumnText(11),
				hashx: st.ColumnText(12),
			})
			if len(page) == replayPage {
				if err := emit(page); err != nil {
					return err
				}
				page = make([]sqlRow, 0, replayPage)
			}
		}
		if err := st.Err(); err != nil {
			return err
		}
		if len(page) > 0 {
			return emit(page)
		}
		return nil
	}, decodeRows, fn)
}

func (n *ncrucesDB) close() error {
	for _, m := range []map[int]*sqlite3.Stmt{n.ins, n.ups} {
		for _, st := range m {
			st.Close()
		}
	}
	return n.conn.Close()
}
