package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/ThreeDotsLabs/watermill"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/traceledger/traceledger/adapters/bus"
	"github.com/traceledger/traceledger/adapters/notify"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/directory"
	"github.com/traceledger/traceledger/projections/recalllist"
)

const (
	webhooksFile = "webhooks.json"
)

// openBus is the in-process bus, or NATS JetStream with --nats.
func openBus(ctx context.Context, natsURL string, logger *slog.Logger) (bus.PubSub, error) {
	wl := watermill.NewSlogLogger(logger)
	if natsURL == "" {
		return bus.NewGoChannel(wl), nil
	}
	return bus.DialJetStream(ctx, natsURL, bus.JetStreamOptions{Logger: wl})
}

// busConfig is what the bus needs: where the forwarder keeps its
// checkpoint, the log it forwards and what the recall notifier reads and
// records.
type busConfig struct {
	// Data is the directory of the forwarder's checkpoint.
	Data string
	// NATSURL is the JetStream server; "" is the in-process bus.
	NATSURL   string
	Store     event.Store
	Waiter    notify.Waiter
	Recalls   *recalllist.Projection
	Directory *directory.Projection
	Recorder  *command.Handlers
	Secrets   *notify.Secrets
	// Registerer receives the router's metrics; a restarted router finds
	// them already registered and keeps them.
	Registerer prometheus.Registerer
	Logger     *slog.Logger
}

// Validate names every missing field.
func (c busConfig) Validate() error {
	return missing("bus", map[string]bool{
		"Data": c.Data != "", "Store": c.Store != nil, "Waiter": c.Waiter != nil, "Recalls": c.Recalls != nil,
		"Directory": c.Directory != nil, "Recorder": c.Recorder != nil, "Secrets": c.Secrets != nil,
		"Registerer": c.Registerer != nil, "Logger": c.Logger != nil,
	})
}

// run returns the bus's run func for the supervisor. The first run uses
// first, opened (and closed) by serve so that an unreachable NATS refuses
// the start; each later run opens and closes its own, since a stopping
// router closes its subscriber and, with it, the in-process bus.
func (c busConfig) run(first bus.PubSub) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		if ps := first; ps != nil {
			first = nil
			return runBus(ctx, c, ps)
		}
		ps, err := openBus(ctx, c.NATSURL, c.Logger)
		if err != nil {
			return fmt.Errorf("open bus: %w", err)
		}
		return errors.Join(runBus(ctx, c, ps), ps.Close())
	}
}

// runBus runs the consumers' router (recall notifications), then the
// forwarder that publishes every committed event, until ctx ends or either
// stops: one stopping stops the other, so a half-running bus is never
// mistaken for a running one.
func runBus(ctx context.Context, c busConfig, ps bus.PubSub) error {
	router, err := bus.NewRouter(ps, bus.RouterOptions{Registerer: c.Registerer, Logger: watermill.NewSlogLogger(c.Logger)})
	if err != nil {
		return err
	}
	n := &notify.Notifier{Lists: c.Recalls, Directory: c.Directory, Waiter: c.Waiter, Recorder: c.Recorder, Secrets: c.Secrets, Logger: c.Logger}
	if err := n.AddTo(router, ps); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	routerDone := make(chan error, 1)
	go func() { routerDone <- router.Run(ctx) }()
	select {
	case <-router.Running():
	case err := <-routerDone:
		return fmt.Errorf("bus router: %w", stoppedEarly(ctx, err))
	}
	// The consumers subscribed as the router started: a bus that drops what
	// none of them takes is sent their categories alone.
	fw := bus.NewForwarderInto(c.Store, ps, bus.ForwarderOptions{Checkpoint: ps.Checkpoint(c.Data), Logger: c.Logger})
	fwDone := make(chan error, 1)
	go func() { fwDone <- fw.Run(ctx) }()
	var fwErr, routerErr error
	select {
	case fwErr = <-fwDone:
		fwErr = stoppedEarly(ctx, fwErr)
		cancel()
		routerErr = <-routerDone
	case routerErr = <-routerDone:
		routerErr = stoppedEarly(ctx, routerErr)
		cancel()
		fwErr = <-fwDone
	}
	if routerErr != nil {
		routerErr = fmt.Errorf("bus router: %w", routerErr)
	}
	if fwErr != nil {
		fwErr = fmt.Errorf("bus forwarder: %w", fwErr)
	}
	return errors.Join(fwErr, routerErr)
}

// stoppedEarly turns the nil of a part that returned while ctx still runs
// into an error: it stopped without saying why.
func stoppedEarly(ctx context.Context, err error) error {
	if err == nil && ctx.Err() == nil {
		return errors.New("stopped unexpectedly")
	}
	return err
}
