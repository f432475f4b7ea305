package clickhouse

import (
	"context"
	"errors"
	"fmt"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/google/uuid"
)

// rowError is a row the table's columns do not take: a bug in the table's
// Fold or schema, which no retry mends.
type rowError struct {
	table    string
	position uint64
	err      error
}

func (e *rowError) Error() string {
	return fmt.Sprintf("table %s: row of position %d: %v", e.table, e.position, e.err)
}

func (e *rowError) Unwrap() error { return e.err }

// write inserts a table's batches in order, each acknowledged before the
// next, and moves the table's position after each. A batch that cannot be
// written ends the table's writing for this run: writing a later batch
// would leave a hole below the table's max(position), which the next run
// would take for done.
func (s *Sink) write(ctx context.Context, ts *tableState, q <-chan *pending) {
	var broken bool
	for b := range q {
		if broken {
			s.recycle(b)
			continue
		}
		if err := s.insert(ctx, ts, b); err != nil {
			broken = true
			if ctx.Err() == nil {
				ts.stop(err)
				s.notify()
				s.o.Logger.Error("clickhouse sink: table stopped", "table", ts.t.Name(), "err", err)
			}
			s.recycle(b)
			continue
		}
		ts.position.Store(b.through)
		s.recycle(b)
		s.notify()
	}
}

// insert writes b's rows as one block, retrying with backoff until
// ClickHouse acknowledges them. Before each retry it settles what the failed
// attempt left: see settle.
func (s *Sink) insert(ctx context.Context, ts *tableState, b *pending) error {
	bo := s.newBackoff()
	for attempt := 1; ; attempt++ {
		if len(b.rows) == 0 { // nothing to write, or all of it was written
			ts.recovered()
			return nil
		}
		qid := fmt.Sprintf("traceledger-sink-%s-%d-%d-%s", ts.t.Name(), b.pos[0], b.pos[len(b.pos)-1], uuid.NewString())
		err := s.insertOnce(ctx, ts, b, qid)
		if err == nil {
			ts.rows.Add(uint64(len(b.rows)))
			ts.inserts.Add(1)
			if attempt > 1 {
				s.o.Logger.Info("clickhouse sink: insert succeeded after retries", "table", ts.t.Name(), "attempts", attempt)
			}
			ts.recovered()
			return nil
		}
		if re := (*rowError)(nil); errors.As(err, &re) || ctx.Err() != nil {
			return err
		}
		ts.failures.Add(1)
		ts.failed(err)
		s.o.Logger.Warn("clickhouse sink: insert failed; retrying", "table", ts.t.Name(), "rows", len(b.rows), "err", err, "in", bo.next)
		for {
			if err := bo.wait(ctx); err != nil {
				return err
			}
			err := s.settle(ctx, ts, b, qid)
			if err == nil {
				break
			}
			ts.failed(err)
		}
	}
}

// insertOnce is one attempt: the rows as one block under query id qid.
func (s *Sink) insertOnce(ctx context.Context, ts *tableState, b *pending, qid string) error {
	name := ts.t.Name()
	ins, err := s.conn.native.PrepareBatch(ch.Context(ctx, ch.WithQueryID(qid)), s.conn.SQL(ts.insert))
	if err != nil {
		return fmt.Errorf("table %s: prepare insert: %w", name, err)
	}
	defer ins.Close()
	if err := appendRows(ins, b.rows, b.pos, name); err != nil {
		_ = ins.Abort()
		return err
	}
	if err := ins.Send(); err != nil {
		return fmt.Errorf("table %s: insert %d rows of positions %d-%d: %w", name, len(b.rows), b.pos[0], b.pos[len(b.pos)-1], err)
	}
	if s.afterInsert != nil {
		if err := s.afterInsert(name); err != nil {
			return fmt.Errorf("table %s: after insert: %w", name, err)
		}
	}
	return nil
}

// settle finds out what a failed insert wrote and drops those rows from b.
// The failed attempt may still be running on the server (the connection was
// lost, not the query), so it first waits until the server's process list
// no longer shows its query id; from then on the table holds all of the
// block or none of it. Rows whose position the table holds are dropped,
// the rest are inserted again.
func (s *Sink) settle(ctx context.Context, ts *tableState, b *pending, qid string) error {
	for {
		var running uint64
		if err := s.conn.QueryRow(ctx, "SELECT count() FROM system.processes WHERE query_id = ?", qid).Scan(&running); err != nil {
			return fmt.Errorf("table %s: look for the failed insert: %w", ts.t.Name(), err)
		}
		if running == 0 {
			break
		}
		if err := sleep(ctx, s.o.BackoffMin); err != nil {
			return err
		}
	}
	rows, err := s.conn.Query(ctx, "SELECT DISTINCT position FROM {db}."+ts.t.Name()+" WHERE position >= ? AND position <= ?",
		b.pos[0], b.pos[len(b.pos)-1])
	if err != nil {
		return fmt.Errorf("table %s: read positions written: %w", ts.t.Name(), err)
	}
	defer rows.Close()
	written := map[uint64]bool{}
	for rows.Next() {
		var p uint64
		if err := rows.Scan(&p); err != nil {
			return fmt.Errorf("table %s: read positions written: %w", ts.t.Name(), err)
		}
		written[p] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("table %s: read positions written: %w", ts.t.Name(), err)
	}
	if len(written) == 0 {
		return nil
	}
	keep := 0
	for i := range b.rows {
		if !written[b.pos[i]] {
			b.rows[keep], b.pos[keep] = b.rows[i], b.pos[i]
			keep++
		}
	}
	ts.rows.Add(uint64(len(b.rows) - keep))
	s.o.Logger.Info("clickhouse sink: the failed insert was written", "table", ts.t.Name(), "rows", len(b.rows)-keep)
	b.rows, b.pos = b.rows[:keep], b.pos[:keep]
	return nil
}
