package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// SinkOptions tune a Sink. Zero values take the defaults.
type SinkOptions struct {
	// BatchSize is the rows of one table that make an insert (default
	// 10,000). ClickHouse wants few large inserts: each one is a part on
	// disk that merges later, and a part costs the same whether it holds
	// a thousand rows or a hundred thousand.
	BatchSize int
	// MaxBatchSize bounds a batch that grows while the previous insert of
	// its table is still running (default 10 × BatchSize): a sink that is
	// catching up writes fewer, larger parts, and a live one writes a batch
	// as soon as it is due. It is also what the sink buffers per table
	// while ClickHouse is down.
	MaxBatchSize int
	// FlushEvery bounds how long a row waits for its batch to fill
	// (default 1 s): the sink's lag when the log is quiet.
	FlushEvery time.Duration
	// BackoffMin and BackoffMax bound the wait between retries of a failed
	// insert, doubling from min to max (defaults 100 ms and 10 s).
	BackoffMin, BackoffMax time.Duration
	// ShutdownTimeout bounds the last flush when Run's context ends
	// (default 10 s); what it does not write is written after the next
	// start, from the log.
	ShutdownTimeout time.Duration
	// Logger gets insert failures and recoveries (default: discarded).
	Logger *slog.Logger
}

func (o SinkOptions) withDefaults() SinkOptions {
	if o.BatchSize <= 0 {
		o.BatchSize = 10_000
	}
	if o.MaxBatchSize < o.BatchSize {
		o.MaxBatchSize = 10 * o.BatchSize
	}
	if o.FlushEvery <= 0 {
		o.FlushEvery = time.Second
	}
	if o.BackoffMin <= 0 {
		o.BackoffMin = 100 * time.Millisecond
	}
	if o.BackoffMax < o.BackoffMin {
		o.BackoffMax = max(10*time.Second, o.BackoffMin)
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = 10 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Sink streams the log into ClickHouse tables, exactly once in effect.
//
// How: each table's checkpoint is the highest position it holds
// (SELECT max(position)). Run folds the whole log from position 1 through
// every table (their state is in memory, so it is rebuilt), keeps only rows
// of positions past the table's checkpoint, and inserts a table's rows in
// batches, each one block that ClickHouse writes atomically. A batch's
// positions count as done only once ClickHouse acknowledged it. An insert
// that fails may still have been written (the answer was lost, not the
// insert), so before it is retried the sink waits until the server no
// longer runs it and drops every row whose position the table already
// holds: nothing is written twice, nothing is skipped.
type Sink struct {
	conn   *Conn
	log    Log
	o      SinkOptions
	tables []*tableState

	// afterInsert, when set (by tests), runs after each acknowledged insert
	// and may turn it into a failure, as a connection lost after the server
	// wrote the block would.
	afterInsert func(table string) error

	batches sync.Pool // of *pending, see newBatch

	mu    sync.Mutex
	moved chan struct{} // closed and replaced when a table's position moves
}

// NewSink builds a sink filling tables from log. Table names must differ.
func NewSink(conn *Conn, log Log, o SinkOptions, tables ...Table) *Sink {
	s := &Sink{conn: conn, log: log, o: o.withDefaults(), moved: make(chan struct{})}
	for _, t := range tables {
		s.tables = append(s.tables, newTableState(t))
	}
	return s
}

// Run migrates the schema, then keeps the tables up to date until ctx ends.
// ClickHouse being down, at the start or later, is retried with backoff for
// as long as it takes (Statuses show the last error). Run returns nil when
// ctx ends, and an error when the log cannot be read or decoded.
func (s *Sink) Run(ctx context.Context) error {
	if err := s.retry(ctx, "migrate", func() error { return Migrate(ctx, s.conn, s.tablesOnly()...) }); err != nil {
		return ignoreCancel(ctx, err)
	}
	for _, ts := range s.tables {
		var cp uint64
		err := s.retry(ctx, "checkpoint "+ts.t.Name(), func() (err error) {
			cp, err = s.maxPosition(ctx, ts.t.Name())
			return err
		})
		if err != nil {
			return ignoreCancel(ctx, err)
		}
		ts.start(cp)
		s.notify()
		ts.t.Reset()
	}
	return ignoreCancel(ctx, s.stream(ctx))
}

// retry runs fn until it succeeds or ctx ends, waiting with backoff between
// tries and showing the error in every table's status meanwhile.
func (s *Sink) retry(ctx context.Context, what string, fn func() error) error {
	b := s.newBackoff()
	for {
		err := fn()
		if err == nil {
			for _, ts := range s.tables {
				ts.recovered()
			}
			return nil
		}
		err = fmt.Errorf("clickhouse sink: %s: %w", what, err)
		for _, ts := range s.tables {
			ts.failed(err)
		}
		s.o.Logger.Warn("clickhouse sink: retrying", "step", what, "err", err, "in", b.next)
		if err := b.wait(ctx); err != nil {
			return err
		}
	}
}

// maxPosition is a table's checkpoint: the highest position it holds, 0
// when empty.
func (s *Sink) maxPosition(ctx context.Context, table string) (uint64, error) {
	var p uint64
	if err := s.conn.QueryRow(ctx, "SELECT toUInt64(max(position)) FROM {db}."+table).Scan(&p); err != nil {
		return 0, fmt.Errorf("read checkpoint of %s: %w", table, err)
	}
	return p, nil
}

func (s *Sink) tablesOnly() []Table {
	out := make([]Table, len(s.tables))
	for i, ts := range s.tables {
		out[i] = ts.t
	}
	return out
}

// ignoreCancel makes the end of Run's own context a clean stop.
func ignoreCancel(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return nil
	}
	return err
}
