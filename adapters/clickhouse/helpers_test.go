package clickhouse

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

// demoNow is the tests' fixed clock, so the data set is the same every day.
var demoNow = time.Date(2026, 6, 15, 9, 30, 0, 0, time.UTC)

// newStore opens an empty SQLite ledger in the test's directory.
func newStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st := sqlitetest.Open(t)
	return st
}

// appendDemo appends the demo data set through the command handlers.
func appendDemo(ctx context.Context, st event.Store, items int) error {
	h := command.NewHandlers(st, demo.CommandOptions(1, ""))
	_, err := demo.Run(ctx, h, demo.Options{Items: items, Seed: 1, Now: demoNow, Workers: 4})
	return err
}

// demoStore is a ledger holding the demo data set of 1,000 items.
func demoStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st := newStore(t)
	if err := appendDemo(t.Context(), st, 1000); err != nil {
		t.Fatalf("demo: %v", err)
	}
	return st
}

func head(t *testing.T, st event.Store) uint64 {
	t.Helper()
	h, err := st.Head(t.Context())
	if err != nil {
		t.Fatalf("head: %v", err)
	}
	return h
}

// open starts a private server and opens the DSN's database.
func open(t *testing.T) (*chtest.Server, *Conn) {
	t.Helper()
	srv := chtest.Start(t)
	c, err := Open(t.Context(), srv.DSN)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return srv, c
}

// testOptions make batches small and retries quick.
var testOptions = SinkOptions{BatchSize: 1000, FlushEvery: 50 * time.Millisecond, BackoffMin: 20 * time.Millisecond, BackoffMax: 300 * time.Millisecond}

// running is a sink started in the background.
type running struct {
	*Sink
	stop func() error
}

// start runs a sink over st into c until the test ends or stop is called.
func start(t *testing.T, c *Conn, st event.Store, o SinkOptions, tables ...Table) running {
	t.Helper()
	if len(tables) == 0 {
		tables = []Table{NewEventsTable()}
	}
	return startSink(t, NewSink(c, st, o, tables...))
}

// startSink runs s in the background.
func startSink(t *testing.T, s *Sink) running {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	var stopped bool
	var err error
	stop := func() error {
		if !stopped {
			cancel()
			err, stopped = <-done, true
		}
		return err
	}
	t.Cleanup(func() { stop() })
	return running{Sink: s, stop: stop}
}

// badTable's rows do not fit its columns.
type badTable struct{}

func (badTable) Name() string { return "bad" }
func (badTable) Migrations() []string {
	return []string{"CREATE TABLE IF NOT EXISTS {db}.bad (position UInt64, n UInt8) ENGINE = MergeTree() ORDER BY position"}
}
func (badTable) Columns() []string { return []string{"position", "n"} }
func (badTable) Fold(env runner.Envelope) [][]any {
	return [][]any{{env.Position, "not a number"}}
}
func (badTable) Reset() {}

// waitFor waits until the sink has written everything up to pos.
func waitFor(t *testing.T, s *Sink, pos uint64, within time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), within)
	defer cancel()
	if err := s.WaitFor(ctx, pos); err != nil {
		t.Fatalf("sink did not reach position %d: %v (statuses %+v)", pos, err, s.Statuses())
	}
}

// uint64Query reads one number through the HTTP interface, apart from the
// sink's client.
func uint64Query(t *testing.T, srv *chtest.Server, sql string) uint64 {
	t.Helper()
	out := srv.MustQuery(strings.ReplaceAll(sql, "{db}", chtest.Database))
	n, err := strconv.ParseUint(out, 10, 64)
	if err != nil {
		t.Fatalf("%s: answer %q is not a number", sql, out)
	}
	return n
}

// assertExactlyOnce checks the two numbers: count() equals the
// log head and count() - uniqExact(event_id) is 0, and that positions are
// 1..head.
func assertExactlyOnce(t *testing.T, srv *chtest.Server, want uint64) {
	t.Helper()
	got := srv.MustQuery(strings.ReplaceAll("SELECT count(), count() - uniqExact(event_id), uniqExact(position), min(position), max(position) FROM {db}.events", "{db}", chtest.Database))
	if w := fmt.Sprintf("%d\t0\t%d\t1\t%d", want, want, want); got != w {
		t.Fatalf("count, duplicates, distinct positions, min, max: got %q, want %q", got, w)
	}
}
