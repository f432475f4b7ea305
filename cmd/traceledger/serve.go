package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/traceledger/traceledger/adapters/authstore"
	"github.com/traceledger/traceledger/adapters/capturejob"
	"github.com/traceledger/traceledger/adapters/clickhouse"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/runner"
)

// shutdownTimeout bounds how long in-flight requests may take to finish
// once a shutdown has begun.
const shutdownTimeout = 20 * time.Second

// The files of the data directory.
const (
	ledgerFile = "ledger.db"
	// captureJobsFile keeps the EPCIS capture jobs that appended nothing.
	captureJobsFile = "capture-jobs.jsonl"
	tokensFile      = "tokens.db"
	// tokenUsageFile keeps each token's last use, to the minute.
	tokenUsageFile = "token-usage.json"
)

// runServe is `traceledger serve`: validate the configuration, then serve
// until SIGINT or SIGTERM.
func runServe(ctx context.Context, e env, args []string) int {
	fs := newFlagSet("serve", e)
	cpuProfile := fs.String("cpu-profile", "", "write a Go CPU profile to this file until serve stops (for `go tool pprof`)")
	heapProfile := fs.String("heap-profile", "", "write a Go heap profile to this file as serve stops, before the read models close: what they hold in memory (for `go tool pprof`)")
	cfg, code, ok := parseConfig(fs, e, args)
	if !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "traceledger serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(e.stderr, "traceledger serve: --cpu-profile: %v\n", err)
			return exitUsage
		}
		defer stop()
	}
	logger := newLogger(e.stderr, cfg.LogLevel)
	if err := serve(ctx, serveConfig{Config: cfg, Logger: logger, HeapProfile: *heapProfile}); err != nil {
		logger.Error("serve failed", "err", err)
		return exitFailure
	}
	return exitOK
}

// serve runs the server until ctx ends or a fatal component fails, then
// shuts down in order: stop accepting and finish in-flight requests, then
// stop the background components, then close the stores (the event store
// last, committing everything acknowledged). A fatal failure is returned,
// naming its component.
func serve(ctx context.Context, sc serveConfig) (err error) {
	if err := sc.Validate(); err != nil {
		return err
	}
	cfg, logger := sc.Config, sc.Logger
	store, err := openStore(ctx, cfg)
	if err != nil {
		return fmt.Errorf("open event store: %w", err)
	}
	defer closeInto(&err, store.Close)
	accessLog, err := openAccessStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeInto(&err, accessLog.Close)
	tokenFile, err := authstore.Open(ctx, filepath.Join(cfg.Data, tokensFile), authstore.Options{})
	if err != nil {
		return fmt.Errorf("open token file: %w", err)
	}
	defer closeInto(&err, tokenFile.Close)

	m, err := newModels(dirsOf(cfg))
	if err != nil {
		return err
	}
	defer closeInto(&err, m.close)
	if sc.HeapProfile != "" {
		defer func() {
			if perr := writeHeapProfile(sc.HeapProfile); perr != nil {
				logger.Warn("write the heap profile", "err", perr)
			}
		}()
	}
	rn := runner.New(store, runner.Options{Dir: modelsPath(cfg), SnapshotEvery: cfg.SnapshotEvery}, m.inMemory()...)
	if err := rn.Load(); err != nil {
		return fmt.Errorf("load read models: %w", err)
	}
	srn := runner.New(store, runner.Options{Dir: modelsPath(cfg), SnapshotEvery: cfg.SnapshotEvery}, m.search)
	if err := srn.Load(); err != nil {
		return fmt.Errorf("load the search index: %w", err)
	}
	ern := runner.New(store, runner.Options{Dir: modelsPath(cfg), SnapshotEvery: cfg.SnapshotEvery}, m.epcis)
	if err := ern.Load(); err != nil {
		return fmt.Errorf("load the EPCIS read model: %w", err)
	}
	key, err := notary.LoadOrCreateKey(ledgerKeyPath(cfg), "")
	if err != nil {
		return fmt.Errorf("ledger key: %w", err)
	}
	checkpoints, err := notary.OpenArchive(filepath.Join(cfg.Data, notary.ArchiveDir))
	if err != nil {
		return err
	}
	defer closeInto(&err, checkpoints.Close)
	ledger, err := notary.New(key, checkpoints, m.merkle)
	if err != nil {
		return fmt.Errorf("notary: %w", err)
	}

	reg := prometheus.NewRegistry()
	if err := errors.Join(
		reg.Register(collectors.NewGoCollector()),
		reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})),
		reg.Register(newProjectionCollector(store, rn, srn, ern)),
		reg.Register(newModelStoreCollector(m.disk)),
	); err != nil {
		return fmt.Errorf("register runtime metrics: %w", err)
	}
	sealer, secrets, err := openSecrets(cfg, store)
	if err != nil {
		return fmt.Errorf("open webhook secrets: %w", err)
	}
	apiMetrics, err := httpapi.NewMetrics(reg)
	if err != nil {
		return fmt.Errorf("register API metrics: %w", err)
	}
	handlers := newCommands(store, cfg, sealer, apiMetrics)
	usage, err := authstore.OpenUsage(filepath.Join(cfg.Data, tokenUsageFile))
	if err != nil {
		return err
	}
	tokens := authstore.NewLedger(accessLog, command.NewHandlers(accessLog, command.Options{}), tokenFile).WithUsage(usage)
	// Last uses are saved every minute and once more when serve returns.
	usageCtx, stopUsage := context.WithCancel(context.WithoutCancel(ctx))
	usageSaved := make(chan struct{})
	go func() {
		defer close(usageSaved)
		usage.Run(usageCtx, func(err error) { logger.Warn("save token usage", "err", err) })
	}()
	defer func() { stopUsage(); <-usageSaved }()
	if err := tokens.Import(ctx); err != nil {
		return err
	}
	// The bus is opened here, so an unreachable NATS refuses the start; a
	// restarted bus component opens (and closes) its own.
	ps, err := openBus(ctx, cfg.NATSURL, logger)
	if err != nil {
		return fmt.Errorf("open bus: %w", err)
	}
	defer closeInto(&err, ps.Close)
	sup := newSupervisor(logger, sc.faults)
	api, err := httpapi.New(httpapi.Config{
		Commands:     handlers,
		Tokens:       tokens,
		Log:          store,
		Idempotency:  store,
		TokenAdmin:   tokenAdmin{tokens},
		Registerer:   reg,
		Gatherer:     reg,
		Metrics:      apiMetrics,
		Logger:       logger,
		MaxBodyBytes: cfg.MaxBody,
		RateLimit:    rateLimit(cfg.RateLimit),
		RateBurst:    int(2*cfg.RateLimit) + 1,
		Health:       sup,
	})
	if err != nil {
		return fmt.Errorf("build HTTP API: %w", err)
	}
	head, err := store.Head(ctx)
	if err != nil {
		return fmt.Errorf("read log head: %w", err)
	}
	api.ObserveHead(head)
	dash := newDashboards(m, rn)
	// WebSocket subscriptions end when shutdown begins: http.Server's
	// Shutdown does not wait for hijacked connections.
	wsCtx, endSubscriptions := context.WithCancel(context.WithoutCancel(ctx))
	defer endSubscriptions()
	subsOpt, subsComponent, deliverer, err := epcisSubscriptions(wsCtx, cfg, store, m, rn, ern, handlers, sealer, logger)
	if err != nil {
		return err
	}
	rs := newReadSide(cfg)
	routeQueries(api, m, rn, store, ledger, dash, rs, handlers, ern, subsOpt)
	routeComplaints(api, handlers, m, rn, cfg)
	jobs, err := capturejob.Open(filepath.Join(cfg.Data, captureJobsFile))
	if err != nil {
		return err
	}
	defer closeInto(&err, jobs.Close)
	api.RouteEPCISCapture(handlers, query.NewCaptures(m.capture, rn.Of(m.capture.Name())), jobs)
	api.RouteUnrecordedCaptures(query.NewUnrecordedCaptures(jobs))
	api.RouteSearch(query.NewSearches(m.search, srn.Of(m.search.Name())))
	api.RouteMyTokens(query.NewTokens(tokenAdmin{tokens}))
	chSink := new(atomic.Pointer[clickhouse.Sink])
	api.RouteAdminStatus(query.NewOperations(&serverStatus{store: store, sup: sup, now: time.Now,
		runners:        []namedRunner{{componentReadModels, rn}, {componentSearchIndex, srn}, {componentEPCIS, ern}},
		checkpointsDir: filepath.Join(cfg.Data, notary.ArchiveDir), verifierKey: ledger.VerifierKey(),
		subs: m.subs, deliverer: deliverer, webhooks: m.directory.Webhooks, sink: chSink}))

	// The components outlive ctx: they stop after the HTTP server, so that
	// no request meets stopped read models.
	rctx, stopComponents := context.WithCancel(context.WithoutCancel(ctx))
	defer stopComponents()
	busCfg := busConfig{
		Data: cfg.Data, NATSURL: cfg.NATSURL, Store: store, Waiter: rn.Of(m.recalls.Name(), m.directory.Name()), Recalls: m.recalls, Directory: m.directory,
		Recorder: handlers, Secrets: secrets, Registerer: reg, Logger: logger,
	}
	components := []component{
		{componentReadModels, fatal, rn.Run},
		{componentSearchIndex, fatal, after(head, srn.Run, rn)},
		{componentEPCIS, fatal, after(head, releasing(ern, head, debug.FreeOSMemory, ern.Run), rn, srn)},
		{componentBus, restart, singleton(store, "bus", busCfg.run(ps))},
		{componentNotary, fatal, func(ctx context.Context) error { return ledger.Run(ctx, time.Second) }},
	}
	components = append(components, subsComponent)
	validate := []error{busCfg.Validate()}
	if cfg.ClickHouseDSN != "" {
		chCfg := clickHouseConfig{DSN: cfg.ClickHouseDSN, Store: store, Risk: m.risk.Config(), Dashboards: dash, Registerer: reg, Logger: logger, Running: chSink,
			ReadSide: rs, Reader: store, Models: m}
		validate = append(validate, chCfg.Validate())
		components = append(components, component{componentClickHouse, restart, singleton(store, "clickhouse-sink", func(ctx context.Context) error {
			return runClickHouse(ctx, chCfg)
		})})
	}
	for _, c := range components {
		validate = append(validate, c.Validate())
	}
	if err := errors.Join(validate...); err != nil {
		return err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           api,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(endSubscriptions)
	// On every return, the components stop before the stores close.
	defer func() {
		stopComponents()
		sup.Wait()
	}()
	for _, c := range components {
		if err := sup.Go(rctx, c); err != nil {
			ln.Close()
			return err
		}
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	logger.Info("listening", "addr", ln.Addr().String(), "base_url", cfg.BaseURL, "data", cfg.Data, "head", head)
	if sc.Ready != nil {
		sc.Ready(ln.Addr().String())
	}

	var failure error
	select {
	case err := <-served:
		return fmt.Errorf("HTTP server: %w", err)
	case failure = <-sup.Failed():
		logger.Error("shutting down: a component failed", "err", failure)
	case <-ctx.Done():
	}
	logger.Info("shutting down: finishing in-flight requests", "timeout", shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		logger.Warn("in-flight requests cut short", "err", err)
		srv.Close()
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return errors.Join(failure, fmt.Errorf("HTTP server: %w", err))
	}
	logger.Info("HTTP server stopped; stopping components and saving read models")
	stopComponents()
	sup.Wait()
	logger.Info("closing stores")
	return failure
}

// rateLimit maps the config's "0 disables" onto httpapi's "negative
// disables".
func rateLimit(perSecond float64) float64 {
	if perSecond == 0 {
		return -1
	}
	return perSecond
}

// closeInto closes a resource at the end of serve, keeping the first error.
func closeInto(err *error, close func() error) {
	if cerr := close(); cerr != nil && *err == nil {
		*err = cerr
	}
}
