package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"time"
)

// MeasureRawInsertOf is the baseline of a bulk write: it reads up to limit
// rows of the events table at src (every column as stored, prev_position
// included) into memory, then times inserting exactly those rows into a fresh
// database in dir with the store's tables, indexes and pragmas, batch rows
// per transaction through the same multi-row statements, each batch's
// streams rows upserted, with no deciding, hashing or encoding. It returns
// how many rows it inserted and rows per second of wall-clock time, and
// removes the database afterwards.
func MeasureRawInsertOf(ctx context.Context, src, dir string, limit, batch int, sync string) (rows int, perSec float64, err error) {
	if limit <= 0 || batch <= 0 {
		return 0, 0, fmt.Errorf("raw insert of %s: limit %d and batch %d must be positive", src, limit, batch)
	}
	if sync, err = checkSynchronous(sync); err != nil {
		return 0, 0, fmt.Errorf("raw insert: %w", err)
	}
	args, heads, err := readRawRows(ctx, src, limit, batch)
	if err != nil {
		return 0, 0, fmt.Errorf("raw insert of %s: %w", src, err)
	}
	rows = len(args) / numColumns
	path := filepath.Join(dir, fmt.Sprintf("rawcopy-%d.db", time.Now().UnixNano()))
	defer removeDB(path)
	db, conn, err := openWriter(ctx, path, sync)
	if err != nil {
		return 0, 0, fmt.Errorf("raw insert: %w", err)
	}
	defer db.Close()
	defer conn.Close()
	if err := migrate(ctx, conn); err != nil {
		return 0, 0, fmt.Errorf("raw insert: %w", err)
	}
	in, up := eventInserter(conn), streamUpserter(conn)
	defer in.close()
	defer up.close()
	start := time.Now()
	for i := 0; len(args) > 0; i++ {
		n := min(batch*numColumns, len(args))
		if err := rawCommit(ctx, conn, &in, &up, args[:n], heads[i]); err != nil {
			return 0, 0, fmt.Errorf("raw insert: %w", err)
		}
		args = args[n:]
	}
	return rows, float64(rows) / time.Since(start).Seconds(), nil
}

// readRawRows reads the first limit rows of src's events table as insert
// arguments, and for each batch of them the streams rows it leaves.
func readRawRows(ctx context.Context, src string, limit, batch int) (args []any, heads [][]any, err error) {
	db, err := openReaders(ctx, src, 1)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	rs, err := db.QueryContext(ctx, "SELECT "+insertColumns+" FROM events ORDER BY position LIMIT ?", limit)
	if err != nil {
		return nil, nil, err
	}
	defer rs.Close()
	type head struct {
		version, last int64
	}
	batchHeads := map[string]head{}
	var order []string
	flush := func() {
		var h []any
		for _, s := range order {
			h = append(h, s, batchHeads[s].version, batchHeads[s].last)
		}
		heads = append(heads, h)
		clear(batchHeads)
		order = order[:0]
	}
	n := 0
	for rs.Next() {
		var (
			pos, version                                int64
			id, stream, typ, data, uscc, role, corr, ca string
			occurred, recorded, hash                    string
			prev                                        any
		)
		if err := rs.Scan(&pos, &id, &stream, &version, &typ, &data, &uscc, &role, &corr, &ca, &occurred, &recorded, &hash, &prev); err != nil {
			return nil, nil, err
		}
		args = append(args, pos, id, stream, version, typ, data, uscc, role, corr, ca, occurred, recorded, hash, prev)
		if _, ok := batchHeads[stream]; !ok {
			order = append(order, stream)
		}
		batchHeads[stream] = head{version, pos}
		if n++; n%batch == 0 {
			flush()
		}
	}
	if err := rs.Err(); err != nil {
		return nil, nil, err
	}
	if n%batch != 0 {
		flush()
	}
	return args, heads, nil
}

// MeasureRowBytes is the bytes of the values the events table at path
// holds (every column's text or integer as stored), the baseline of the
// file's size: what the rows are before pages, indexes and the streams table.
func MeasureRowBytes(ctx context.Context, path string) (int64, error) {
	db, err := openReaders(ctx, path, 1)
	if err != nil {
		return 0, fmt.Errorf("row bytes: %w", err)
	}
	defer db.Close()
	var n int64
	err = db.QueryRowContext(ctx, `SELECT coalesce(sum(length(event_id) + length(stream) + length(type) + length(data) +
		length(actor_uscc) + length(actor_role) + length(correlation_id) + length(causation_id) +
		length(occurred_at) + length(recorded_at) + length(hash) + 8 + 8 + 8), 0) FROM events`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("row bytes of %s: %w", path, err)
	}
	return n, nil
}
