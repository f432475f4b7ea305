// Package chbench measures the ClickHouse sink for `traceledger bench
// --clickhouse`: the sink's ingest rate beside a raw clickhouse-go batch
// insert of the same rows into the same table, and dashboard queries over a
// table of generated events. It feeds the sink from memory, so the figure
// is the sink's (decode, fold, insert) and not the event store's read rate,
// which `traceledger bench` measures on its own (replay_events_per_s).
package chbench

import (
	"context"

	"github.com/traceledger/traceledger/domain/event"
)

// MemLog is a read-only log held in memory: the sink's source in the
// bench. Records are at positions 1..len.
type MemLog struct {
	recs []event.Record
}

// NewMemLog wraps records whose positions are 1..len(recs).
func NewMemLog(recs []event.Record) *MemLog { return &MemLog{recs: recs} }

// ReadAll returns up to limit records after position after.
func (l *MemLog) ReadAll(_ context.Context, after uint64, limit int) ([]event.Record, error) {
	if after >= uint64(len(l.recs)) {
		return nil, nil
	}
	end := min(after+uint64(limit), uint64(len(l.recs)))
	return l.recs[after:end], nil
}

// Head is the last position.
func (l *MemLog) Head(context.Context) (uint64, error) { return uint64(len(l.recs)), nil }

// Subscribe delivers the records after position after, then waits for ctx
// to end: nothing is ever appended.
func (l *MemLog) Subscribe(ctx context.Context, after uint64, fn func(event.Record) error) error {
	for _, rec := range l.recs[min(after, uint64(len(l.recs))):] {
		if err := fn(rec); err != nil {
			return err
		}
	}
	<-ctx.Done()
	return ctx.Err()
}

// Records is the log.
func (l *MemLog) Records() []event.Record { return l.recs }
