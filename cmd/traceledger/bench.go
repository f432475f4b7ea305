package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/adapters/eventstore/enginebench"
	"github.com/traceledger/traceledger/cmd/traceledger/internal/benchmark"
	"github.com/traceledger/traceledger/projections/runner"
)

// runBench is `traceledger bench [--json] [--events N]`: it measures the
// ledger's speed on a scratch store in a temporary directory (never the data
// directory) and prints each figure beside its baseline. The measuring is
// package benchmark's; this wires in the server and read models it times.
func runBench(ctx context.Context, e env, args []string) int {
	fs := newFlagSet("bench", e)
	asJSON := fs.Bool("json", false, "print one JSON object a line")
	events := fs.Int("events", 64_000, "events appended by each store measurement")
	sync := fs.String("synchronous", "FULL", "SQLite synchronous setting of the measured stores: FULL (durable) or NORMAL")
	only := fs.String("only", "append,read,merkle,search,epcis,capture,generate,dashboard", "which figures: append (event store), read (replay, HTTP queries, trace), merkle (tree and proofs), search (index build, size and query latency on the demo and a 10x set), epcis (EPCIS rendering rate and query p99 on the demo), capture (an EPCIS document of 10,000 events beside the same ship commands one by one), generate (the large-ledger generator and the store's bulk path, beside a raw insert of the same rows), dashboard (the grade distribution of 10,000 enterprises through the per-position cache beside the engine asked each time), scale (a generated ledger of --scale-events: generating, size, serve's start-up, memory and reads, the rebuild rate; minutes), engines (storage engines for the log compared on the same records: 64-writer durable appends and replay of each, beside today's store and the raw SQLite baselines; not in the default set), chreads (histories, traces and recall lists from ClickHouse beside the embedded models on a generated ledger of --chreads-events; needs --clickhouse)")
	genEvents := fs.Int("generate-events", 200_000, "events of the generate figure's ledger")
	scaleEvents := fs.Int("scale-events", 10_000_000, "events of the scale figures' ledger")
	scaleData := fs.String("scale-data", "", "measure the scale figures on this data directory's generated ledger instead of generating one (serve writes its snapshots there)")
	scaleNoServe := fs.Bool("scale-no-serve", false, "leave serve out of the scale figures: no start-up, memory or reads, and a replay of serve's main models in place of the first start's rebuild")
	chReadsEvents := fs.Int("chreads-events", 1_000_000, "events of the read side figures' ledger")
	chReadsData := fs.String("chreads-data", "", "measure the read side figures on this data directory's generated ledger instead of generating one (its ClickHouse database <db>_chreads is kept)")
	chDSN := fs.String("clickhouse", "", "ClickHouse DSN: adds the sink and dashboard query figures (a scratch database <db>_bench is created and dropped)")
	engineEvents := fs.Int("engine-events", 300_000, "events each engine of the engines figures appends and replays")
	engines := fs.String("engines", "", "the engines of the engines figures, comma-separated (default all: "+strings.Join(enginebench.Names(), ", ")+")")
	items := fs.Int("items", demo.DefaultItems, "labelled items of the demo data set the read figures run on")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *events < benchmark.MinEvents {
		fmt.Fprintf(e.stderr, "traceledger bench: --events must be at least %d\n", benchmark.MinEvents)
		return exitUsage
	}
	parts := map[string]bool{}
	for _, p := range strings.Split(*only, ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts[p] = true
		}
	}
	cfg := benchmark.Config{
		Parts: parts, Events: *events, Items: *items, Synchronous: *sync, ClickHouseDSN: *chDSN,
		Serve: benchServe,
		ReadModels: func() ([]runner.Projection, error) {
			m, err := newModels(modelDirs{})
			if err != nil {
				return nil, err
			}
			// The models of serve's main runner: the search index has
			// figures of its own (--only search).
			return m.inMemory(), m.search.Close()
		},
		ReadModelsIn: func(dir string) ([]runner.Projection, func() error, error) {
			m, err := newModels(modelDirs{tree: filepath.Join(dir, "merkle"), index: filepath.Join(dir, "search"), disk: filepath.Join(dir, "store")})
			if err != nil {
				return nil, nil, err
			}
			return m.inMemory(), m.close, nil
		},
		AllModels: func() ([]runner.Projection, error) {
			m, err := newModels(modelDirs{})
			if err != nil {
				return nil, err
			}
			return m.all(), nil
		},
		LedgerFile: ledgerFile,
		Generate: func(ctx context.Context, dir string, n int) (benchmark.Generated, error) {
			quiet := env{stdout: io.Discard, stderr: io.Discard, getenv: e.getenv}
			sum, err := generateLedger(ctx, quiet, Config{Data: dir, BaseURL: "http://127.0.0.1"}, demo.LargeOptions{Events: n, Now: time.Now()})
			return benchmark.Generated{Events: sum.Events, GTIN: sum.SampleGTIN}, err
		},
		GenerateEvents: *genEvents,
		ScaleEvents:    *scaleEvents,
		ScaleData:      *scaleData,
		ScaleNoServe:   *scaleNoServe,
		EngineEvents:   *engineEvents,
		Engines:        commaSet(*engines),
		ChReadsEvents:  *chReadsEvents,
		ChReadsData:    *chReadsData,
	}
	if exe, err := os.Executable(); err == nil {
		cfg.ServeProcess = benchmark.ServeCommand(exe)
	}
	cfg.Token = func(ctx context.Context, dir string) (string, error) {
		var token, problem strings.Builder
		if runToken(ctx, env{stdout: &token, stderr: &problem, getenv: e.getenv}, []string{"create", "--role", "regulator", "--data", dir}) != exitOK {
			return "", fmt.Errorf("%s", strings.TrimSpace(problem.String()))
		}
		return strings.TrimSpace(token.String()), nil
	}
	if err := cfg.Validate(); err != nil {
		printProblems(e.stderr, fs.Name(), err)
		return exitUsage
	}
	if err := benchmark.Run(ctx, cfg, func(f benchmark.Figure) { f.Print(e.stdout, *asJSON) }); err != nil {
		fmt.Fprintf(e.stderr, "traceledger bench: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// benchServe is serve on a scratch data directory, on a free loopback port,
// logging nothing.
func benchServe(ctx context.Context, dir string, ready func(addr string)) error {
	cfg := Config{Data: dir, Addr: "127.0.0.1:0", BaseURL: "http://127.0.0.1", MaxBody: 1 << 20, SnapshotEvery: time.Minute}
	return serve(ctx, serveConfig{Config: cfg, Logger: slog.New(slog.DiscardHandler), Ready: ready})
}

// commaSet is the non-empty, trimmed items of a comma-separated list.
func commaSet(list string) map[string]bool {
	out := map[string]bool{}
	for _, p := range strings.Split(list, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out[p] = true
		}
	}
	return out
}
