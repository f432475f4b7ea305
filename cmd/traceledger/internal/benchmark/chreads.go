package benchmark

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	"github.com/traceledger/traceledger/adapters/clickhouse/readside"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/directory"
	"github.com/traceledger/traceledger/projections/history"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
)

// PartChReads is the read side on ClickHouse beside the embedded models.
const PartChReads = "chreads"

// benchChReads measures histories, traces and recall lists answered from
// ClickHouse (adapters/clickhouse/readside) beside the embedded models, on
// a generated ledger of c.ChReadsEvents events (or c.ChReadsData's), in the
// same run and through the same app/query use cases the routes call (an
// overseer asking, so every answer is whole):
//
//   - readside_sink_<n>_events_per_s: the sink writing the index table
//     from position 1 until ClickHouse acknowledged the head (_resumed:
//     from where a kept database stopped; _not_run_at_head: it held the
//     head already), beside the embedded history, trace and recall list
//     models rebuilt from the same log; readside_<n>_rows_per_event and
//     _bytes_per_event (on disk in ClickHouse, after merges) beside those
//     models' heap per event.
//   - readside_sink_fold_<n>_heap_bytes_per_event: what the sink's fold
//     of the table keeps in memory (the history tracker), beside the
//     embedded models' heap.
//   - readside_<query>_p50_ms and _p99_ms for an item's history, a batch's
//     history, the first page of the busiest enterprises' histories, the
//     downstream trace of the batches with the most events (each folded
//     anew: the first trace of a batch) and every recall list, each beside
//     the embedded answer's.
func benchChReads(ctx context.Context, c Config, dir string, out func(Figure)) error {
	sdir := c.ChReadsData
	if sdir == "" {
		sdir = filepath.Join(dir, "chreads")
		if _, _, _, err := generated(ctx, c, sdir, c.ChReadsEvents); err != nil {
			return err
		}
	}
	store, err := sqlite.Open(ctx, filepath.Join(sdir, c.LedgerFile), sqlite.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	head, err := store.Head(ctx)
	if err != nil {
		return err
	}
	label := scaleLabel(int(head))

	// The embedded models, and what they hold (the large ones on disk, as
	// in serve).
	diskDir, err := os.MkdirTemp("", "chreads-models-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(diskDir)
	models, err := modelstore.Open(diskDir, modelstore.Options{})
	if err != nil {
		return err
	}
	defer models.Close()
	hist, err := history.New(models.Model("history"))
	if err != nil {
		return err
	}
	tr, err := trace.Open(models)
	if err != nil {
		return err
	}
	dir2 := directory.New()
	recalls := recalllist.New(tr)
	before := heap()
	began := time.Now()
	if _, err := runner.Rebuild(ctx, store, "", nil, hist, tr, recalls, dir2); err != nil {
		return err
	}
	rebuilt := time.Since(began)
	embeddedBytes := heap() - before

	// The sink, into a scratch database.
	dsn, err := scratchDSN(c.ClickHouseDSN, "_chreads")
	if err != nil {
		return err
	}
	conn, err := clickhouse.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer func() {
		if c.ChReadsData == "" {
			_ = conn.Exec(context.WithoutCancel(ctx), "DROP DATABASE IF EXISTS {db}")
		}
		conn.Close()
	}()
	idx, err := readside.NewIndexTable(models.Model("readside-history"))
	if err != nil {
		return err
	}
	from, err := indexedUpTo(ctx, conn)
	if err != nil {
		return err
	}
	sink := clickhouse.NewSink(conn, store, clickhouse.SinkOptions{BatchSize: 100_000}, idx)
	sctx, stopSink := context.WithCancel(ctx)
	done := make(chan error, 1)
	began = time.Now()
	go func() { done <- sink.Run(sctx) }()
	if err := sink.WaitFor(ctx, head); err != nil {
		stopSink()
		return fmt.Errorf("read side sink: %w", err)
	}
	sunk := time.Since(began)
	stopSink()
	if err := <-done; err != nil {
		return err
	}
	// A kept database resumes where it stopped: the rate is of the events
	// written in this run, and none written is said, not divided.
	name, rate := "readside_sink_"+label+"_events_per_s", float64(head-min(from, head))/sunk.Seconds()
	switch {
	case from >= head:
		name, rate = name+"_not_run_at_head", 0
	case from > 0:
		name += "_resumed"
	}
	out(newFigure(name, rate, "events/s", "embedded_history_trace_recall_rebuild_events_per_s", float64(head)/rebuilt.Seconds()))
	// What the sink's fold keeps: the heap with the table, then without.
	withFold := heap()
	runtime.KeepAlive(idx)
	idx, sink = nil, nil
	out(newFigure("readside_sink_fold_"+label+"_heap_bytes_per_event", float64(int64(withFold)-int64(heap()))/float64(head), "bytes",
		"embedded_history_trace_recall_heap_bytes_per_event", float64(embeddedBytes)/float64(head)))
	_ = conn.Exec(ctx, "OPTIMIZE TABLE {db}."+readside.TableName+" FINAL")
	var rows, disk uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM {db}."+readside.TableName).Scan(&rows); err != nil {
		return err
	}
	if err := conn.QueryRow(ctx, "SELECT toUInt64(sum(bytes_on_disk)) FROM system.parts WHERE active AND database = ? AND table = ?",
		conn.Database(), readside.TableName).Scan(&disk); err != nil {
		return err
	}
	out(newFigure("readside_"+label+"_rows_per_event", float64(rows)/float64(head), "rows", "events", 1))
	out(newFigure("readside_"+label+"_bytes_per_event", float64(disk)/float64(head), "bytes",
		"embedded_history_trace_recall_heap_bytes_per_event", float64(embeddedBytes)/float64(head)))

	// The queries, each side through the same use case.
	x := readside.NewIndex(conn, nil).WithHead(func() uint64 { return head })
	names := dir2.Names()
	chTraces := readside.NewTraces(x, store)
	at := atHead(head) // both sides hold the whole log: no wait
	both := []struct {
		side      string
		histories *query.Histories
		traces    func() *query.Traces
		recalls   *query.Recalls
	}{
		{"embedded", query.NewHistories(hist, store, at), func() *query.Traces { return query.NewTraces(tr, names, at) },
			query.NewRecalls(recalls, dir2.Contacts(), at)},
		{"clickhouse", query.NewHistories(readside.NewHistories(x, hist), store, at),
			func() *query.Traces { return query.NewTraces(readside.NewTraces(x, store), names, at) }, // a new fold each time
			query.NewRecalls(readside.NewRecalls(x, store, chTraces, recalls), dir2.Contacts(), at)},
	}
	ks, err := chReadKeys(ctx, conn)
	if err != nil {
		return err
	}
	rd := query.Read{Actor: access.Actor{Role: access.RoleRegulator}}
	page := query.PageSpec{Limit: 100}
	now := time.Now()
	type timing struct{ p50, p99 float64 }
	measure := func(n int, fn func(i int) error) (timing, error) {
		ds := make([]time.Duration, 0, n)
		for i := range n {
			t0 := time.Now()
			if err := fn(i); err != nil {
				return timing{}, err
			}
			ds = append(ds, time.Since(t0))
		}
		slices.Sort(ds)
		ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
		return timing{ms(ds[len(ds)/2]), ms(ds[min(len(ds)-1, len(ds)*99/100)])}, nil
	}
	queries := []struct {
		name string
		n    int
		keys int
		run  func(side int, i int) error
	}{
		{"item_history", 400, len(ks.items), func(s, i int) error {
			_, err := both[s].histories.Item(ctx, rd, ks.items[i%len(ks.items)], page)
			return err
		}},
		{"batch_history", 400, len(ks.batches), func(s, i int) error {
			_, err := both[s].histories.Batch(ctx, rd, ks.batches[i%len(ks.batches)], page)
			return err
		}},
		{"enterprise_history_page", 200, len(ks.enterprises), func(s, i int) error {
			_, err := both[s].histories.Enterprise(ctx, rd, ks.enterprises[i%len(ks.enterprises)], query.PageSpec{Limit: 100, Desc: true})
			return err
		}},
		{"trace_down_big_batch", 60, len(ks.bigBatches), func(s, i int) error {
			b := ks.bigBatches[i%len(ks.bigBatches)]
			_, err := both[s].traces().Batch(ctx, rd, b.GTIN, b.Lot, query.Downstream)
			return err
		}},
		{"recall_list", 100, len(ks.recalls), func(s, i int) error {
			_, err := both[s].recalls.Get(ctx, rd, ks.recalls[i%len(ks.recalls)], now)
			return err
		}},
	}
	for _, q := range queries {
		if q.keys == 0 {
			continue
		}
		var ts [2]timing
		for s := range both {
			if ts[s], err = measure(q.n, func(i int) error { return q.run(s, i) }); err != nil {
				return fmt.Errorf("%s from %s: %w", q.name, both[s].side, err)
			}
		}
		out(newFigure("readside_"+q.name+"_p50_ms", ts[1].p50, "ms", "embedded_"+q.name+"_p50_ms", ts[0].p50))
		out(newFigure("readside_"+q.name+"_p99_ms", ts[1].p99, "ms", "embedded_"+q.name+"_p99_ms", ts[0].p99))
	}
	return nil
}

// atHead is the progress of models that hold the log through its head.
type atHead uint64

func (h atHead) WaitFor(context.Context, uint64) error { return nil }
func (h atHead) Position() uint64                      { return uint64(h) }

// heap is the live heap after a collection.
func heap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// chReadKeysT are the keys the read figures ask for.
type chReadKeysT struct {
	items       []ident.ItemCode
	batches     []query.BatchKey
	bigBatches  []query.BatchKey
	enterprises []string
	recalls     []string
}

// chReadKeys picks them from the index: 400 labelled items and 400 batches
// spread over the log, the 20 enterprises and 10 batches with the most
// events, and every recall.
func chReadKeys(ctx context.Context, conn *clickhouse.Conn) (chReadKeysT, error) {
	var k chReadKeysT
	each := func(q string, fn func(key, lot string) error) error {
		rows, err := conn.Query(ctx, q)
		if err != nil {
			return fmt.Errorf("read side keys: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var key, lot string
			if err := rows.Scan(&key, &lot); err != nil {
				return err
			}
			if err := fn(key, lot); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	t := "{db}." + readside.TableName
	err := each("SELECT key, lot FROM "+t+" WHERE kind = 20 AND cityHash64(key) % 97 = 0 LIMIT 400", func(key, lot string) error {
		gtin, serial, _ := strings.Cut(key, "\x00")
		g, err1 := ident.ParseGTIN(gtin)
		l, err2 := ident.ParseLot(lot)
		s, err3 := ident.ParseSerial(serial)
		if err1 == nil && err2 == nil && err3 == nil {
			k.items = append(k.items, ident.ItemCode{GTIN: g, Lot: l, Serial: s})
		}
		return nil
	})
	if err == nil {
		err = each("SELECT DISTINCT key, '' FROM "+t+" WHERE kind = 3 AND cityHash64(key) % 7 = 0 LIMIT 400", func(key, _ string) error {
			k.batches = append(k.batches, query.BatchKey{GTIN: key[:14], Lot: key[14:]})
			return nil
		})
	}
	if err == nil {
		err = each("SELECT key, '' FROM "+t+" WHERE kind = 3 GROUP BY key ORDER BY count() DESC, key LIMIT 10", func(key, _ string) error {
			k.bigBatches = append(k.bigBatches, query.BatchKey{GTIN: key[:14], Lot: key[14:]})
			return nil
		})
	}
	if err == nil {
		err = each("SELECT key, '' FROM "+t+" WHERE kind = 1 GROUP BY key ORDER BY count() DESC, key LIMIT 20", func(key, _ string) error {
			k.enterprises = append(k.enterprises, key)
			return nil
		})
	}
	if err == nil {
		err = each("SELECT DISTINCT key, '' FROM "+t+" WHERE kind = 31", func(key, _ string) error {
			k.recalls = append(k.recalls, key)
			return nil
		})
	}
	return k, err
}

// scratchDSN is dsn with its database name followed by suffix.
func scratchDSN(dsn, suffix string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("clickhouse DSN: %w", err)
	}
	db := strings.Trim(u.Path, "/")
	if db == "" {
		db = clickhouse.DefaultDatabase
	}
	u.Path = "/" + db + suffix
	return u.String(), nil
}

// indexedUpTo is the last position the read side's table holds in the
// scratch database: 0 when the table is not there yet (a new database).
func indexedUpTo(ctx context.Context, conn *clickhouse.Conn) (uint64, error) {
	var tables uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM system.tables WHERE database = ? AND name = ?",
		conn.Database(), readside.TableName).Scan(&tables); err != nil {
		return 0, fmt.Errorf("read side table: %w", err)
	}
	if tables == 0 {
		return 0, nil
	}
	var last uint64
	if err := conn.QueryRow(ctx, "SELECT max(position) FROM {db}."+readside.TableName).Scan(&last); err != nil {
		return 0, fmt.Errorf("read side table's last position: %w", err)
	}
	return last, nil
}
