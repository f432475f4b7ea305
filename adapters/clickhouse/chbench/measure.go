package chbench

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	"github.com/traceledger/traceledger/projections/runner"
)

// Rate is rows written and the time they took.
type Rate struct {
	Rows    int
	Elapsed time.Duration
}

// PerSecond is the rate.
func (r Rate) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Rows) / r.Elapsed.Seconds()
}

// Fresh drops and recreates c's database and migrates the events table, so
// that each measurement starts from an empty table with its views.
func Fresh(ctx context.Context, c *clickhouse.Conn) error {
	if err := c.Exec(ctx, "DROP DATABASE IF EXISTS {db}"); err != nil {
		return fmt.Errorf("drop bench database: %w", err)
	}
	if err := c.Exec(ctx, "CREATE DATABASE {db}"); err != nil {
		return fmt.Errorf("create bench database: %w", err)
	}
	return clickhouse.Migrate(ctx, c, clickhouse.NewEventsTable())
}

// Sink times a sink from its start until ClickHouse has acknowledged every
// event of log into the events table: reading the log, decoding each
// event, folding it and inserting the rows, with the sink's default
// options. The table must be empty and migrated (Fresh).
func Sink(ctx context.Context, c *clickhouse.Conn, log *MemLog) (Rate, error) {
	head, _ := log.Head(ctx)
	s := clickhouse.NewSink(c, log, clickhouse.SinkOptions{}, clickhouse.NewEventsTable())
	rctx, stop := context.WithCancel(ctx)
	defer stop()
	began := time.Now()
	done := make(chan error, 1)
	go func() { done <- s.Run(rctx) }()
	waitErr := s.WaitFor(ctx, head)
	elapsed := time.Since(began)
	stop()
	if err := errors.Join(waitErr, <-done); err != nil {
		return Rate{}, fmt.Errorf("bench sink: %w", err)
	}
	return Rate{Rows: int(head), Elapsed: elapsed}, nil
}

// Raw times clickhouse-go batch inserts of the same rows into the same
// (empty, migrated) table, batch rows at a time: PrepareBatch, Append each
// row, Send. The rows are folded before the clock runs for each batch, so
// this is the client's and server's insert cost alone.
func Raw(ctx context.Context, c *clickhouse.Conn, log *MemLog, batch int) (Rate, error) {
	t := clickhouse.NewEventsTable()
	insert := c.SQL("INSERT INTO {db}.events (" + strings.Join(t.Columns(), ", ") + ") VALUES")
	recs := log.Records()
	var elapsed time.Duration
	rows := make([][]any, 0, batch)
	for from := 0; from < len(recs); from += batch {
		rows = rows[:0]
		for _, rec := range recs[from:min(from+batch, len(recs))] {
			env, err := runner.Decode(rec)
			if err != nil {
				return Rate{}, fmt.Errorf("bench raw: %w", err)
			}
			rows = append(rows, t.Fold(env)...)
		}
		began := time.Now()
		b, err := c.Native().PrepareBatch(ctx, insert)
		if err != nil {
			return Rate{}, fmt.Errorf("bench raw: prepare: %w", err)
		}
		for _, r := range rows {
			if err := b.Append(r...); err != nil {
				_ = b.Abort()
				return Rate{}, fmt.Errorf("bench raw: append: %w", err)
			}
		}
		if err := b.Send(); err != nil {
			return Rate{}, fmt.Errorf("bench raw: send: %w", err)
		}
		elapsed += time.Since(began)
	}
	return Rate{Rows: len(recs), Elapsed: elapsed}, nil
}
