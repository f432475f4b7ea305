package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/schollz/progressbar/v3"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/projections/runner"
)

// runReplay is `traceledger replay [--projection NAME]`: it rebuilds read
// models from position 1 of the log and saves them, so the next serve starts
// from them. It takes the ledger's lock: stop serve first.
func runReplay(ctx context.Context, e env, args []string) int {
	fs := newFlagSet("replay", e)
	name := fs.String("projection", "", "rebuild only this read model (default: all)")
	cpuProfile := fs.String("cpu-profile", "", "write a Go CPU profile of the rebuild to this file (for `go tool pprof`)")
	heapProfile := fs.String("heap-profile", "", "write a Go heap profile of the rebuilt models to this file (for `go tool pprof`)")
	cfg, code, ok := parseConfig(fs, e, args)
	if !ok {
		return code
	}
	// The store first: it holds the ledger's lock, so a replay beside a
	// running serve is refused before it opens the search index serve holds.
	store, err := sqlite.Open(ctx, filepath.Join(cfg.Data, ledgerFile), sqlite.Options{})
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger replay: %v\n", err)
		return exitFailure
	}
	defer store.Close()
	m, err := newModels(dirsOf(cfg))
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger replay: %v\n", err)
		return exitFailure
	}
	defer m.close()
	ps := m.all()
	if *name != "" {
		var names []string
		ps = slices.DeleteFunc(ps, func(p runner.Projection) bool { names = append(names, p.Name()); return p.Name() != *name })
		if len(ps) == 0 {
			fmt.Fprintf(e.stderr, "traceledger replay: no read model %q (have: %s)\n", *name, strings.Join(names, ", "))
			return exitUsage
		}
	}
	head, err := store.Head(ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger replay: %v\n", err)
		return exitFailure
	}
	bar := progressbar.NewOptions64(int64(head),
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription("replaying"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("events"),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionFullWidth(),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(e.stderr) }),
	)
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(e.stderr, "traceledger replay: --cpu-profile: %v\n", err)
			return exitUsage
		}
		defer stop()
	}
	res, err := runner.Rebuild(ctx, store, modelsPath(cfg), func(done, _ uint64) { _ = bar.Set64(int64(done)) }, ps...)
	_ = bar.Finish()
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger replay: %v\n", err)
		return exitFailure
	}
	if *heapProfile != "" {
		if err := writeHeapProfile(*heapProfile); err != nil {
			fmt.Fprintf(e.stderr, "traceledger replay: --heap-profile: %v\n", err)
			return exitFailure
		}
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name()
	}
	fmt.Fprintf(e.stdout, "rebuilt %s from %d events in %.2fs: %.0f events/s\n", strings.Join(names, ", "), res.Events, res.Elapsed.Seconds(), res.PerSecond())
	return exitOK
}
