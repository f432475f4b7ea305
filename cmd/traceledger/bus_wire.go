package main

import (
	"context"
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
	"github.com/traceledger/traceledger/projections/runner"
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

// runBus runs the consumers' router (recall notifications), then the
// forwarder that publishes every committed event, until ctx ends.
func runBus(ctx context.Context, data string, ps bus.PubSub, store event.Store, rn *runner.Runner, recalls *recalllist.Projection,
	dir *directory.Projection, handlers *command.Handlers, secrets *notify.Secrets, reg prometheus.Registerer, logger *slog.Logger) error {
	router, err := bus.NewRouter(ps, bus.RouterOptions{Registerer: reg, Logger: watermill.NewSlogLogger(logger)})
	if err != nil {
		return err
	}
	n := &notify.Notifier{Lists: recalls, Directory: dir, Waiter: rn, Recorder: handlers, Secrets: secrets, Logger: logger}
	if err := n.AddTo(router, ps); err != nil {
		return err
	}
	routerDone := make(chan error, 1)
	go func() { routerDone <- router.Run(ctx) }()
	select {
	case <-router.Running():
	case err := <-routerDone:
		return fmt.Errorf("bus router: %w", err)
	}
	fw := bus.NewForwarder(store, ps.Publisher(), bus.ForwarderOptions{
		Checkpoint: ps.Checkpoint(data),
		Logger:     logger,
	})
	fwErr := fw.Run(ctx)
	if err := <-routerDone; err != nil {
		return fmt.Errorf("bus router: %w", err)
	}
	return fwErr
}
