package clickhouse

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

// readPage is how many records one ReadAll of the catch-up reads.
const readPage = 4096

// pending is rows of one table on their way to one insert: pos[i] is the log
// position of rows[i], in log order; through is the last position folded
// into the batch, rows or not, which the table is complete through once the
// batch is acknowledged.
type pending struct {
	rows    [][]any
	pos     []uint64
	through uint64
}

// stream folds the log into the tables and hands full batches to one
// writer goroutine per table, until ctx ends or the log fails. Reading,
// folding and inserting overlap: while a table's batch is being inserted
// the fold fills the next one, and waits when both are full, so memory stays
// bounded during an outage.
func (s *Sink) stream(ctx context.Context) error {
	rctx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	feed := make(chan []runner.Envelope, 4)
	readErr := make(chan error, 1)
	go func() {
		defer close(feed)
		readErr <- readLog(rctx, s.log, feed)
	}()

	// Writers outlive ctx by up to ShutdownTimeout, for the last flush.
	wctx, stopWriting := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWriting()
	queues := make([]chan *pending, len(s.tables))
	bufs := make([]*pending, len(s.tables))
	var writers sync.WaitGroup
	for i, ts := range s.tables {
		queues[i] = make(chan *pending, 1)
		bufs[i] = s.newBatch()
		writers.Go(func() { s.write(wctx, ts, queues[i]) })
	}
	sent := make([]uint64, len(s.tables)) // through of the last batch queued
	send := func(ctx context.Context, i int) {
		b := bufs[i]
		if len(b.rows) == 0 && b.through <= sent[i] {
			return
		}
		select {
		case queues[i] <- b:
			sent[i], bufs[i] = b.through, s.newBatch()
		case <-ctx.Done():
		}
	}
	tick := time.NewTicker(s.o.FlushEvery)
	defer tick.Stop()

	var err error
loop:
	for {
		select {
		case page, ok := <-feed:
			if !ok {
				err = <-readErr
				break loop
			}
			for _, env := range page {
				for i, ts := range s.tables {
					rows := ts.t.Fold(env)
					if env.Position <= ts.checkpoint {
						continue
					}
					b := bufs[i]
					for _, r := range rows {
						b.rows = append(b.rows, r)
						b.pos = append(b.pos, env.Position)
					}
					b.through = env.Position
					if len(b.rows) >= s.o.BatchSize {
						send(ctx, i)
					}
				}
			}
			last := page[len(page)-1].Position
			for _, ts := range s.tables {
				ts.folded.Store(last)
			}
		case <-tick.C:
			for i := range s.tables {
				send(ctx, i)
			}
		case <-ctx.Done():
			break loop
		}
	}
	stopReading()
	// The last flush: what is folded goes out, within ShutdownTimeout.
	deadline := time.AfterFunc(s.o.ShutdownTimeout, stopWriting)
	defer deadline.Stop()
	for i := range s.tables {
		send(wctx, i)
		close(queues[i])
	}
	writers.Wait()
	return err
}

func (s *Sink) newBatch() *pending {
	return &pending{rows: make([][]any, 0, s.o.BatchSize), pos: make([]uint64, 0, s.o.BatchSize)}
}

// readLog delivers the log from position 1 in pages of decoded envelopes:
// what is stored with ReadAll (pages are faster than a subscription), then
// what comes with Subscribe from where the pages ended.
func readLog(ctx context.Context, log Log, out chan<- []runner.Envelope) error {
	var after uint64
	for {
		recs, err := log.ReadAll(ctx, after, readPage)
		if err != nil {
			return fmt.Errorf("clickhouse sink: read log after %d: %w", after, err)
		}
		if len(recs) > 0 {
			page := make([]runner.Envelope, len(recs))
			for i, rec := range recs {
				if page[i], err = runner.Decode(rec); err != nil {
					return fmt.Errorf("clickhouse sink: %w", err)
				}
			}
			select {
			case out <- page:
			case <-ctx.Done():
				return ctx.Err()
			}
			after = recs[len(recs)-1].Position
		}
		if len(recs) < readPage {
			break
		}
	}
	return log.Subscribe(ctx, after, func(rec event.Record) error {
		env, err := runner.Decode(rec)
		if err != nil {
			return fmt.Errorf("clickhouse sink: %w", err)
		}
		select {
		case out <- []runner.Envelope{env}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
}
