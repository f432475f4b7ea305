package clickhouse

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Status is one table's progress, for metrics and health checks.
type Status struct {
	Table string
	// Position is the log position the table is complete through: every
	// row of every event up to it is in ClickHouse, acknowledged.
	Position uint64
	// Folded is the position the fold has read up to (rows past Position
	// are buffered or being inserted).
	Folded uint64
	// Rows, Inserts and Failures count rows inserted, inserts acknowledged
	// and failed insert attempts since Run began.
	Rows, Inserts, Failures uint64
	// Err is the last error, nil again once the table is written to.
	Err   error
	ErrAt time.Time
	// Stopped is set when the table refused rows in a way no retry mends
	// (a row that does not fit its columns): Err says why; the other tables
	// go on.
	Stopped bool
}

// tableState is a table with its checkpoint and progress.
type tableState struct {
	t      Table
	insert string

	checkpoint uint64 // what ClickHouse held when Run began; fold goroutine only
	position   atomic.Uint64
	folded     atomic.Uint64
	rows       atomic.Uint64
	inserts    atomic.Uint64
	failures   atomic.Uint64

	mu      sync.Mutex
	err     error
	errAt   time.Time
	stopped bool
}

func newTableState(t Table) *tableState {
	return &tableState{t: t, insert: fmt.Sprintf("INSERT INTO {db}.%s (%s) VALUES", t.Name(), strings.Join(t.Columns(), ", "))}
}

func (ts *tableState) start(checkpoint uint64) {
	ts.checkpoint = checkpoint
	ts.position.Store(checkpoint)
	ts.folded.Store(0)
}

func (ts *tableState) failed(err error) {
	ts.mu.Lock()
	ts.err, ts.errAt = err, time.Now()
	ts.mu.Unlock()
}

func (ts *tableState) recovered() {
	ts.mu.Lock()
	if !ts.stopped {
		ts.err = nil
	}
	ts.mu.Unlock()
}

func (ts *tableState) stop(err error) {
	ts.mu.Lock()
	ts.err, ts.errAt, ts.stopped = err, time.Now(), true
	ts.mu.Unlock()
}

func (ts *tableState) status() Status {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return Status{Table: ts.t.Name(), Position: ts.position.Load(), Folded: ts.folded.Load(),
		Rows: ts.rows.Load(), Inserts: ts.inserts.Load(), Failures: ts.failures.Load(), Err: ts.err, ErrAt: ts.errAt, Stopped: ts.stopped}
}

// Statuses is every table's status, in the order the tables were given.
func (s *Sink) Statuses() []Status {
	out := make([]Status, len(s.tables))
	for i, ts := range s.tables {
		out[i] = ts.status()
	}
	return out
}

// Position is the log position the named table is complete through (0 for
// a table the sink does not fill).
func (s *Sink) Position(table string) uint64 {
	for _, ts := range s.tables {
		if ts.t.Name() == table {
			return ts.position.Load()
		}
	}
	return 0
}

// Lag is how many events of the log the named table is behind its head.
func (s *Sink) Lag(ctx context.Context, table string) (uint64, error) {
	head, err := s.log.Head(ctx)
	if err != nil {
		return 0, fmt.Errorf("clickhouse sink lag: %w", err)
	}
	return head - min(head, s.Position(table)), nil
}

// WaitFor blocks until every table is complete through pos, ctx ends, or a
// table has stopped (its error is returned).
func (s *Sink) WaitFor(ctx context.Context, pos uint64) error {
	for {
		s.mu.Lock()
		moved := s.moved
		s.mu.Unlock()
		done := true
		for _, ts := range s.tables {
			st := ts.status()
			if st.Stopped {
				return fmt.Errorf("clickhouse sink: table %s stopped: %w", st.Table, st.Err)
			}
			done = done && st.Position >= pos
		}
		if done {
			return nil
		}
		select {
		case <-moved:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// notify wakes WaitFor.
func (s *Sink) notify() {
	s.mu.Lock()
	close(s.moved)
	s.moved = make(chan struct{})
	s.mu.Unlock()
}
