package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"runtime"
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
		if len(b.rows) == 0 && b.through <= sent[i] {
			return
		}
		if !wait {
			select {
			case queues[i] <- b:
				sent[i], bufs[i] = b.through, s.newBatch()
			default:
			}
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

// decodePage decodes records on up to four goroutines: decoding JSON is
// most of the sink's own work while it catches up.
func decodePage(recs []event.Record) ([]runner.Envelope, error) {
	page := make([]runner.Envelope, len(recs))
	parts := min(runtime.GOMAXPROCS(0), 4, max(len(recs)/512, 1))
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			for i := p * len(recs) / parts; i < (p+1)*len(recs)/parts; i++ {
				env, err := runner.Decode(recs[i])
				if err != nil {
					errs[p] = fmt.Errorf("clickhouse sink: %w", err)
					return
				}
				page[i] = env
			}
		})
	}
	wg.Wait()
	return page, errors.Join(errs...)
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
			page, err := decodePage(recs)
			if err != nil {
				return err
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
