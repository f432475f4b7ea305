package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/traceledger/traceledger/adapters/authstore"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/projections/runner"
)

// shutdownTimeout bounds how long in-flight requests may take to finish
// once a shutdown has begun.
const shutdownTimeout = 20 * time.Second

// The files of the data directory.
const (
	ledgerFile = "ledger.db"
	tokensFile = "tokens.db"
)

// runServe is `traceledger serve`: validate the configuration, then serve
// until SIGINT or SIGTERM.
func runServe(ctx context.Context, e env, args []string) int {
	fs := newFlagSet("serve", e)
	cfg, code, ok := parseConfig(fs, e, args)
	if !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "traceledger serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if err := unavailable(cfg); err != nil {
		printProblems(e.stderr, fs.Name(), err)
		return exitUsage
	}
	logger := newLogger(e.stderr, cfg.LogLevel)
	if err := serve(ctx, cfg, logger, nil); err != nil {
		logger.Error("serve failed", "err", err)
		return exitFailure
	}
	return exitOK
}

// serve runs the server until ctx ends, then shuts down in order: stop
// accepting and finish in-flight requests, then close the stores (the event
// store last, committing everything acknowledged). ready, if not nil, is
// told the address once the server listens.
func serve(ctx context.Context, cfg Config, logger *slog.Logger, ready func(addr string)) (err error) {
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

	m := newModels(merkleDir(cfg))
	defer closeInto(&err, m.merkle.Close)
	rn := runner.New(store, runner.Options{Dir: modelsPath(cfg), SnapshotEvery: cfg.SnapshotEvery}, m.all()...)
	if err := rn.Load(); err != nil {
		return fmt.Errorf("load read models: %w", err)
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
		reg.Register(newProjectionCollector(store, rn)),
	); err != nil {
		return fmt.Errorf("register runtime metrics: %w", err)
	}
	sealer, secrets, err := openSecrets(cfg, store)
	if err != nil {
		return fmt.Errorf("open webhook secrets: %w", err)
	}
	handlers := newCommands(store, cfg, sealer)
	tokens := authstore.NewLedger(accessLog, command.NewHandlers(accessLog, command.Options{}), tokenFile)
	if err := tokens.Import(ctx); err != nil {
		return err
	}
	ps, err := openBus(ctx, cfg.NATSURL, logger)
	if err != nil {
		return fmt.Errorf("open bus: %w", err)
	}
	defer closeInto(&err, ps.Close)
	api, err := httpapi.New(httpapi.Config{
		Commands:     handlers,
		Tokens:       tokens,
		Log:          store,
		Idempotency:  store,
		TokenAdmin:   tokenAdmin{tokens},
		Registerer:   reg,
		Gatherer:     reg,
		Logger:       logger,
		MaxBodyBytes: cfg.MaxBody,
		RateLimit:    rateLimit(cfg.RateLimit),
		RateBurst:    int(2*cfg.RateLimit) + 1,
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
	routeQueries(api, m, rn, store, ledger, dash)

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
	rctx, stopModels := context.WithCancel(context.WithoutCancel(ctx))
	defer stopModels()
	modelsDone := make(chan error, 1)
	go func() { modelsDone <- rn.Run(rctx) }()
	busDone := make(chan error, 1)
	go func() {
		busDone <- singleton(store, "bus", func(ctx context.Context) error {
			return runBus(ctx, cfg.Data, ps, store, rn, m.recalls, m.directory, handlers, secrets, reg, logger)
		})(rctx)
	}()
	sinkDone := make(chan error, 1)
	if cfg.ClickHouseDSN != "" {
		go func() {
			sinkDone <- singleton(store, "clickhouse-sink", func(ctx context.Context) error {
				return runClickHouse(ctx, cfg.ClickHouseDSN, store, m, reg, dash, logger)
			})(rctx)
		}()
	} else {
		sinkDone <- nil
	}
	notaryDone := make(chan error, 1)
	go func() { notaryDone <- ledger.Run(rctx, time.Second) }()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	logger.Info("listening", "addr", ln.Addr().String(), "base_url", cfg.BaseURL, "data", cfg.Data, "head", head)
	if ready != nil {
		ready(ln.Addr().String())
	}

	select {
	case err := <-served:
		return fmt.Errorf("HTTP server: %w", err)
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
		return fmt.Errorf("HTTP server: %w", err)
	}
	logger.Info("HTTP server stopped; saving read models")
	stopModels()
	if err := <-modelsDone; err != nil {
		logger.Error("read models stopped with an error", "err", err)
	}
	if err := <-busDone; err != nil {
		logger.Error("bus stopped with an error", "err", err)
	}
	if err := <-sinkDone; err != nil {
		logger.Error("ClickHouse sink stopped with an error", "err", err)
	}
	if err := <-notaryDone; err != nil {
		logger.Error("checkpoint signing stopped with an error", "err", err)
	}
	logger.Info("closing stores")
	return nil
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
