package analytics_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	chanalytics "github.com/traceledger/traceledger/adapters/clickhouse/analytics"
	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/risk"
	"github.com/traceledger/traceledger/projections/runner"
)

// demoNow is the moment the demo data set leads up to, fixed so that the
// data are the same every day.
var demoNow = time.Date(2026, 6, 15, 9, 30, 0, 0, time.UTC)

// demoItems is the size of the data set the issue names ("Items 2000").
const demoItems = 2000

// fixture is the demo data set in a SQLite ledger, folded into the
// embedded models and streamed by the sink into a private ClickHouse.
type fixture struct {
	srv    *chtest.Server
	store  *sqlite.Store
	conn   *clickhouse.Conn
	head   uint64
	risk   *risk.Projection
	model  *analytics.Projection
	source *chanalytics.Source
	sink   *clickhouse.Sink
}

// newFixture builds the fixture; it skips without clickhouse-server (see
// chtest).
func newFixture(t *testing.T) *fixture {
	t.Helper()
	srv := chtest.Start(t)
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ledger.db"), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	h := command.NewHandlers(st, demo.CommandOptions(1, ""))
	if _, err := demo.Run(ctx, h, demo.Options{Items: demoItems, Seed: 1, Now: demoNow, Workers: 4}); err != nil {
		t.Fatalf("demo: %v", err)
	}
	f := &fixture{srv: srv, store: st, risk: risk.New(), model: analytics.New()}
	res, err := runner.Rebuild(ctx, st, "", nil, f.risk, f.model)
	if err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	f.head = res.Position
	if f.conn, err = clickhouse.Open(ctx, srv.DSN); err != nil {
		t.Fatalf("clickhouse open: %v", err)
	}
	t.Cleanup(func() { f.conn.Close() })
	tables := append([]clickhouse.Table{clickhouse.NewEventsTable()}, chanalytics.Tables()...)
	sink := clickhouse.NewSink(f.conn, st, clickhouse.SinkOptions{BatchSize: 5000, FlushEvery: 50 * time.Millisecond}, tables...)
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- sink.Run(sctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("sink: %v", err)
		}
	})
	wctx, wcancel := context.WithTimeout(ctx, 2*time.Minute)
	defer wcancel()
	if err := sink.WaitFor(wctx, f.head); err != nil {
		t.Fatalf("sink did not reach %d: %v (%+v)", f.head, err, sink.Statuses())
	}
	f.source, f.sink = chanalytics.NewSource(f.conn, risk.Embedded()), sink
	return f
}

// embedded answers the dashboards from the fixture's embedded models.
func (f *fixture) embedded() analytics.Embedded {
	return analytics.Embedded{Risk: f.risk, Model: f.model}
}

// asOfs are the times the two engines are compared at: before the data
// set's end, at it, and after every recall deadline and many certificates
// have passed.
func asOfs() []time.Time {
	return []time.Time{demoNow.AddDate(0, -2, 0), demoNow, demoNow.Add(90*24*time.Hour + 1500*time.Millisecond)}
}

// fill creates the tables and inserts every row their folds give over
// envs, one insert per table: the sink's work for a log that is no event
// store (a test's hand-made one).
func fill(t *testing.T, c *clickhouse.Conn, envs []runner.Envelope, tables []clickhouse.Table) {
	t.Helper()
	ctx := t.Context()
	rows := make([][][]any, len(tables))
	for _, env := range envs {
		for i, tb := range tables {
			rows[i] = append(rows[i], tb.Fold(env)...)
		}
	}
	for i, tb := range tables {
		for _, m := range tb.Migrations() {
			if err := c.Exec(ctx, m); err != nil {
				t.Fatalf("migrate %s: %v", tb.Name(), err)
			}
		}
		b, err := c.Native().PrepareBatch(ctx, c.SQL("INSERT INTO {db}."+tb.Name()+" ("+strings.Join(tb.Columns(), ", ")+") VALUES"))
		if err != nil {
			t.Fatalf("prepare %s: %v", tb.Name(), err)
		}
		for _, r := range rows[i] {
			if err := b.Append(r...); err != nil {
				t.Fatalf("append to %s: %v", tb.Name(), err)
			}
		}
		if err := b.Send(); err != nil {
			t.Fatalf("insert into %s: %v", tb.Name(), err)
		}
	}
}
