package readside

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	"github.com/traceledger/traceledger/app/query"
)

// Index reads the index table. Every read runs under the caller's context
// (the request's) bounded by query.ReadWait; a failed read is logged and
// answered as an outage (outage), never as nothing found.
type Index struct {
	conn *clickhouse.Conn
	log  *slog.Logger
	head func() uint64
}

// WithHead lets x read the first pages of long histories (an enterprise's,
// a product's) in windows of positions near the cursor, given how far the
// table is written: ClickHouse 18.16 does not read a key's rows in order,
// so a page of the newest 100 of 500,000 rows would otherwise read them
// all.
func (x *Index) WithHead(head func() uint64) *Index {
	x.head = head
	return x
}

// NewIndex reads conn's index table, logging failed reads to log.
func NewIndex(conn *clickhouse.Conn, log *slog.Logger) *Index {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Index{conn: conn, log: log}
}

// positions answers the distinct positions of the rows matching where, in
// order, with at most limit (0: all).
func (x *Index) positions(ctx context.Context, where string, args []any, desc bool, limit int) ([]uint64, error) {
	return x.selectPositions(ctx, "DISTINCT position", where, args, desc, limit)
}

// keyPositions is positions for rows of one key of one kind, which are
// unique per position (the tracker joins a key once per event): no
// DISTINCT, so ClickHouse keeps only the top rows of its sort.
func (x *Index) keyPositions(ctx context.Context, where string, args []any, desc bool, limit int) ([]uint64, error) {
	return x.selectPositions(ctx, "position", where, args, desc, limit)
}

func (x *Index) selectPositions(ctx context.Context, what, where string, args []any, desc bool, limit int) ([]uint64, error) {
	ctx, cancel := context.WithTimeout(ctx, query.ReadWait)
	defer cancel()
	q := "SELECT " + what + " FROM {db}." + TableName + " WHERE " + where + " ORDER BY position"
	if desc {
		q += " DESC"
	}
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := x.conn.Query(ctx, q, args...)
	if err != nil {
		return nil, x.outage("positions", err)
	}
	defer rows.Close()
	out := []uint64{}
	for rows.Next() {
		var p uint64
		if err := rows.Scan(&p); err != nil {
			return nil, x.outage("positions", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, x.outage("positions", err)
	}
	return out, nil
}

// exists reports whether a row matches where.
func (x *Index) exists(ctx context.Context, where string, args ...any) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, query.ReadWait)
	defer cancel()
	var n uint64
	err := x.conn.QueryRow(ctx, "SELECT count() FROM (SELECT position FROM {db}."+TableName+" WHERE "+where+" LIMIT 1)", args...).Scan(&n)
	if err != nil {
		return false, x.outage("exists", err)
	}
	return n > 0, nil
}

// column answers one String column of the rows matching where, in order
// of position.
func (x *Index) column(ctx context.Context, column, where string, args ...any) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, query.ReadWait)
	defer cancel()
	rows, err := x.conn.Query(ctx, "SELECT "+column+" FROM {db}."+TableName+" WHERE "+where+" ORDER BY position", args...)
	if err != nil {
		return nil, x.outage(column, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, x.outage(column, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, x.outage(column, err)
	}
	return out, nil
}

// page cuts a page of the history whose rows match where, as the embedded
// history pages (projections/history.state.page): spec.Limit positions at
// most after the cursor in the asked order, of events that occurred within
// [From, To); Next is the page's last position when a further one matches.
// ok is false when the history has no row at all. unique says the rows
// matching where have distinct positions; long that they may be many (an
// enterprise's, a product's), so a page is first read in windows.
func (x *Index) page(ctx context.Context, where string, args []any, unique, long bool, spec query.PageSpec) (query.PositionPage, bool, error) {
	conds := []string{"(" + where + ")"}
	all := append([]any(nil), args...)
	switch {
	case !spec.Desc:
		conds, all = append(conds, "position > ?"), append(all, spec.After)
	case spec.After != 0:
		conds, all = append(conds, "position < ?"), append(all, spec.After)
	}
	if !spec.From.IsZero() {
		conds, all = append(conds, "occurred_ms >= ?"), append(all, spec.From.UnixMilli())
	}
	if !spec.To.IsZero() {
		conds, all = append(conds, "occurred_ms < ?"), append(all, spec.To.UnixMilli())
	}
	limit := 0
	if spec.Limit > 0 {
		limit = spec.Limit + 1
	}
	read := x.positions
	if unique {
		read = x.keyPositions
	}
	if unique && long && limit > 0 && x.head != nil {
		ps, ok, err := x.windowed(ctx, conds, all, spec, limit)
		if err != nil {
			return query.PositionPage{}, false, err
		}
		if ok {
			return query.PositionPage{Positions: ps[:spec.Limit], Next: ps[spec.Limit-1]}, true, nil
		}
	}
	ps, err := read(ctx, strings.Join(conds, " AND "), all, spec.Desc, limit)
	if err != nil {
		return query.PositionPage{}, false, err
	}
	pg := query.PositionPage{Positions: ps}
	if spec.Limit > 0 && len(ps) > spec.Limit {
		pg.Positions = ps[:spec.Limit]
		pg.Next = ps[spec.Limit-1]
	}
	if len(ps) > 0 {
		return pg, true, nil
	}
	found, err := x.exists(ctx, where, args...)
	return pg, found, err
}

// firstWindow is the share of the log the first window of a long history
// spans: an enterprise with a twentieth of all events fills a page of 100
// from a 64th of the log.
const firstWindow = 64

// windowed reads a page from windows of positions next to the cursor, each
// four times the last, and answers ok once one holds more than a page
// (limit rows): those are then the page's rows and the next one, as the
// whole range would give. Past the log's head it gives up (ok false) and
// the caller reads the whole range.
func (x *Index) windowed(ctx context.Context, conds []string, args []any, spec query.PageSpec, limit int) ([]uint64, bool, error) {
	head := x.head()
	span := max(head/firstWindow, 4096)
	for {
		var bound string
		var at uint64
		switch {
		case spec.Desc:
			top := head + 1
			if spec.After != 0 {
				top = spec.After
			}
			if top <= span {
				return nil, false, nil
			}
			bound, at = "position >= ?", top-span
		default:
			if spec.After+span >= head {
				return nil, false, nil
			}
			bound, at = "position <= ?", spec.After+span
		}
		ps, err := x.keyPositions(ctx, strings.Join(append(conds[:len(conds):len(conds)], bound), " AND "), append(args[:len(args):len(args)], at), spec.Desc, limit)
		if err != nil || len(ps) >= limit {
			return ps, err == nil, err
		}
		span *= 4
	}
}

// outage is a failed ClickHouse read, logged here and answered as the
// read side being unavailable: the client is told to retry, with nothing of
// the cause (it names hosts and tables), which the error keeps for the
// server's logs. A request its client gave up on is no outage: it is not
// logged, and its error still says it was cancelled.
func (x *Index) outage(what string, err error) error {
	if !errors.Is(err, context.Canceled) {
		x.log.Error("read side: ClickHouse read failed", "read", what, "err", err)
	}
	return &query.UnavailableError{Message: "the read side did not answer; retry later", Err: fmt.Errorf("read side: %s: %w", what, err)}
}
