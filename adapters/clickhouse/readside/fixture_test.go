package readside_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
	"github.com/traceledger/traceledger/adapters/clickhouse/readside"
	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/directory"
	"github.com/traceledger/traceledger/projections/history"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
)

// demoNow is the moment the data sets lead up to, fixed so that they are
// the same every day.
var demoNow = time.Date(2026, 6, 15, 9, 30, 0, 0, time.UTC)

// fixture is a ledger folded into the embedded models and streamed by the
// sink into a private ClickHouse, with the read side over it.
type fixture struct {
	store    *sqlite.Store
	head     uint64
	history  *history.Projection
	trace    *trace.Projection
	recalls  *recalllist.Projection
	dir      *directory.Projection
	ch       *readside.Histories
	chTrace  *readside.Traces
	chRecall *readside.Recalls
}

// newStore opens an empty SQLite ledger in the test's directory.
func newStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "ledger.db"), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// demoFixture is the demo data set of 1,000 items.
func demoFixture(t *testing.T) *fixture {
	t.Helper()
	srv := chtest.Start(t)
	st := newStore(t)
	h := command.NewHandlers(st, demo.CommandOptions(1, ""))
	if _, err := demo.Run(t.Context(), h, demo.Options{Items: 1000, Seed: 1, Now: demoNow, Workers: 4}); err != nil {
		t.Fatalf("demo: %v", err)
	}
	return newFixture(t, srv, st)
}

// generatedFixture is a generated ledger of about n events.
func generatedFixture(t *testing.T, n int) *fixture {
	t.Helper()
	srv := chtest.Start(t)
	st := newStore(t)
	h := command.NewHandlers(st, demo.CommandOptions(1, ""))
	if _, err := demo.Generate(t.Context(), h, st, demo.LargeOptions{Events: n, Seed: 1, Now: demoNow}); err != nil {
		t.Fatalf("generate: %v", err)
	}
	return newFixture(t, srv, st)
}

func newFixture(t *testing.T, srv *chtest.Server, st *sqlite.Store) *fixture {
	t.Helper()
	ctx := t.Context()
	disk, err := modelstore.Open(t.TempDir(), modelstore.Options{CacheBytes: 16 << 20})
	if err != nil {
		t.Fatalf("model store: %v", err)
	}
	t.Cleanup(func() { disk.Close() })
	hist, err := history.New(disk.Model("history"))
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	tr, err := trace.Open(disk)
	if err != nil {
		t.Fatalf("trace: %v", err)
	}
	f := &fixture{store: st, history: hist, trace: tr, dir: directory.New()}
	f.recalls = recalllist.New(f.trace)
	if _, err := runner.Rebuild(ctx, st, "", nil, f.history, f.trace, f.recalls, f.dir); err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	head, err := st.Head(ctx)
	if err != nil {
		t.Fatalf("head: %v", err)
	}
	f.head = head
	conn, err := clickhouse.Open(ctx, srv.DSN)
	if err != nil {
		t.Fatalf("open ClickHouse: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	idx, err := readside.NewIndexTable(disk.Model("readside-history"))
	if err != nil {
		t.Fatalf("index table: %v", err)
	}
	sink := clickhouse.NewSink(conn, st, clickhouse.SinkOptions{FlushEvery: 50 * time.Millisecond}, idx)
	sctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- sink.Run(sctx) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("sink: %v", err)
		}
	})
	wctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if err := sink.WaitFor(wctx, head); err != nil {
		t.Fatalf("sink did not reach %d: %v (%+v)", head, err, sink.Statuses())
	}
	x := readside.NewIndex(conn, nil).WithHead(func() uint64 { return head })
	f.ch = readside.NewHistories(x, f.history)
	f.chTrace = readside.NewTraces(x, st)
	f.chRecall = readside.NewRecalls(x, st, f.chTrace, f.recalls)
	return f
}

// keys are every key the log names, read from its events: what a history,
// a trace or a recall list can be asked of.
type keys struct {
	enterprises []string
	products    []string
	batches     []query.BatchKey
	items       []query.ItemKey
	recalls     []string
	from, to    time.Time // the first and last occurred_at
}

func logKeys(t *testing.T, st event.Store) keys {
	t.Helper()
	var k keys
	seen := map[string]bool{}
	add := func(list *[]string, v string) {
		if v != "" && !seen[v] {
			seen[v] = true
			*list = append(*list, v)
		}
	}
	var after uint64
	for {
		recs, err := st.ReadAll(t.Context(), after, 4096)
		if err != nil {
			t.Fatalf("read log: %v", err)
		}
		for _, rec := range recs {
			env, err := runner.Decode(rec)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			at := env.Metadata.OccurredAt
			if k.from.IsZero() || at.Before(k.from) {
				k.from = at
			}
			if at.After(k.to) {
				k.to = at
			}
			add(&k.enterprises, env.Metadata.ActorUSCC)
			collect(&k, env, add, seen)
			after = rec.Position
		}
		if len(recs) < 4096 {
			return k
		}
	}
}
