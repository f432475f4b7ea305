package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/traceledger/traceledger/adapters/demo"

	"github.com/traceledger/traceledger/adapters/eventstore/loadgen"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
)

// figure is one line of `traceledger bench --json`: a measured value beside
// the baseline it is compared with, measured in the same run.
type figure struct {
	Name          string  `json:"name"`
	Value         float64 `json:"value"`
	Unit          string  `json:"unit"`
	Baseline      string  `json:"baseline"`
	BaselineValue float64 `json:"baseline_value"`
	Ratio         float64 `json:"ratio"`
}

func newFigure(name string, value float64, unit, baseline string, baseValue float64) figure {
	f := figure{Name: name, Value: value, Unit: unit, Baseline: baseline, BaselineValue: baseValue}
	if baseValue != 0 {
		f.Ratio = value / baseValue
	}
	return f
}

// runBench is `traceledger bench [--json] [--events N]`: it measures the
// ledger's speed on a scratch store in a temporary directory (never the data
// directory) and prints each figure beside its baseline.
func runBench(ctx context.Context, e env, args []string) int {
	fs := newFlagSet("bench", e)
	asJSON := fs.Bool("json", false, "print one JSON object a line")
	events := fs.Int("events", 64_000, "events appended by each store measurement")
	sync := fs.String("synchronous", "FULL", "SQLite synchronous setting of the measured stores: FULL (durable) or NORMAL")
	only := fs.String("only", "append,read,merkle", "which figures: append (event store), read (replay, HTTP queries, trace), merkle (tree and proofs)")
	chDSN := fs.String("clickhouse", "", "ClickHouse DSN: adds the sink and dashboard query figures (a scratch database <db>_bench is created and dropped)")
	items := fs.Int("items", demo.DefaultItems, "labelled items of the demo data set the read figures run on")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *events < 64 {
		fmt.Fprintln(e.stderr, "traceledger bench: --events must be at least 64")
		return exitUsage
	}
	dir, err := os.MkdirTemp("", "traceledger-bench-")
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger bench: %v\n", err)
		return exitFailure
	}
	defer os.RemoveAll(dir)
	out := func(f figure) { printFigure(e.stdout, f, *asJSON) }
	want := map[string]bool{}
	for _, w := range strings.Split(*only, ",") {
		want[strings.TrimSpace(w)] = true
	}
	if err := runBenchParts(ctx, dir, want, *events, *items, *sync, out); err != nil {
		fmt.Fprintf(e.stderr, "traceledger bench: %v\n", err)
		return exitFailure
	}
	if *chDSN != "" {
		if err := benchClickHouse(ctx, *chDSN, out); err != nil {
			fmt.Fprintf(e.stderr, "traceledger bench: %v\n", err)
			return exitFailure
		}
	}
	return exitOK
}

func runBenchParts(ctx context.Context, dir string, want map[string]bool, events, items int, sync string, out func(figure)) error {
	if want["append"] {
		if err := benchAppend(ctx, dir, events, sync, out); err != nil {
			return err
		}
	}
	if want["read"] {
		data := filepath.Join(dir, "read")
		gtin, err := benchData(ctx, data, items)
		if err != nil {
			return err
		}
		if err := benchReplay(ctx, data, out); err != nil {
			return err
		}
		if err := benchCertificateHTTP(ctx, data, gtin, out); err != nil {
			return err
		}
		if err := benchTrace(ctx, out); err != nil {
			return err
		}
	}
	if want["merkle"] {
		if err := benchMerkle(ctx, out); err != nil {
			return err
		}
	}
	return nil
}

// benchAppend measures durable appends by one writer and by 64 concurrent
// writers, one event per append, beside raw batched INSERTs of the same rows
// into an identical table with the same pragmas.
func benchAppend(ctx context.Context, dir string, events int, sync string, out func(figure)) error {
	raw, err := sqlite.MeasureRawInsert(ctx, dir, events, 1000, sync)
	if err != nil {
		return err
	}
	const baseline = "raw_sqlite_batched_insert_events_per_s"
	for _, writers := range []int{1, 64} {
		n := events / writers
		if writers == 1 {
			n = min(events, 5_000) // one fsync per append: keep the run short
		}
		store, err := sqlite.Open(ctx, filepath.Join(dir, fmt.Sprintf("append-%d.db", writers)), sqlite.Options{Synchronous: sync})
		if err != nil {
			return err
		}
		res, err := loadgen.Append(ctx, store, writers, n)
		if cerr := store.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		out(newFigure(fmt.Sprintf("append_%d_events_per_s", writers), res.PerSec, "events/s", baseline, raw))
	}
	return nil
}

func printFigure(w io.Writer, f figure, asJSON bool) {
	if asJSON {
		b, _ := json.Marshal(f)
		fmt.Fprintln(w, string(b))
		return
	}
	fmt.Fprintf(w, "%-28s %12.4g %-9s  %s %.4g  ratio %.2f\n", f.Name, f.Value, f.Unit, f.Baseline, f.BaselineValue, f.Ratio)
}
