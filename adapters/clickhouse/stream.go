package clickhouse

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/traceledger/traceledger/projections/runner"
)

// pending is rows of one table on their way to one insert: pos[i] is the log
// position of rows[i], in log order; through is the last position folded
// into the batch, rows or not, which the table is complete through once the
// batch is acknowledged.
type pending struct {
	rows    [][]any
	pos     []uint64
	through uint64
}

// stream folds the log into the tables and hands batches to one writer
// goroutine per table, until ctx ends or the log fails. Reading, folding and
// inserting overlap: a batch that is due (BatchSize rows, or FlushEvery
// passed) goes to its writer if the writer is free; while the writer is
// still inserting, the batch keeps growing, and the fold waits only once it
// holds MaxBatchSize rows. So batches grow when ClickHouse is the
// bottleneck, and memory stays bounded during an outage.
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
		queues[i] = make(chan *pending) // unbuffered: a send succeeds when the writer is free
		bufs[i] = s.newBatch()
		writers.Go(func() { s.write(wctx, ts, queues[i]) })
	}
	sent := make([]uint64, len(s.tables)) // through of the last batch handed over
	// send hands table i's batch to its writer: at once if the writer is
	// free, else (wait) when it is, or (not wait) not this time.
	send := func(ctx context.Context, i int, wait bool) {
		b := bufs[i]
		through := b.through // b is the writer's once handed over
		if len(b.rows) == 0 && through <= sent[i] {
			return
		}
		if !wait {
			select {
			case queues[i] <- b:
				sent[i], bufs[i] = through, s.newBatch()
			default:
			}
			return
		}
		select {
		case queues[i] <- b:
			sent[i], bufs[i] = through, s.newBatch()
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
					if f, ok := ts.t.(FailingTable); ok && f.Err() != nil {
						err = fmt.Errorf("fold %s at position %d: %w", ts.t.Name(), env.Position, f.Err())
						break loop
					}
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
						send(ctx, i, len(b.rows) >= s.o.MaxBatchSize)
					}
				}
			}
			last := page[len(page)-1].Position
			for _, ts := range s.tables {
				ts.folded.Store(last)
			}
		case <-tick.C:
			for i := range s.tables {
				send(ctx, i, false)
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
		send(wctx, i, true)
		close(queues[i])
	}
	writers.Wait()
	return err
}

// newBatch takes an empty batch, reusing one a writer is done with: a
// batch that grew towards MaxBatchSize keeps its capacity instead of
// growing again from nothing.
func (s *Sink) newBatch() *pending {
	if b, ok := s.batches.Get().(*pending); ok {
		return b
	}
	return &pending{rows: make([][]any, 0, s.o.BatchSize), pos: make([]uint64, 0, s.o.BatchSize)}
}

// recycle gives a written (or abandoned) batch back to newBatch.
func (s *Sink) recycle(b *pending) {
	clear(b.rows)
	b.rows, b.pos, b.through = b.rows[:0], b.pos[:0], 0
	s.batches.Put(b)
}
