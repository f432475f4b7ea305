package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/traceledger/traceledger/adapters/epcis/subscription"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/adapters/notify"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/runner"
)

// componentSubscriptions delivers EPCIS query subscriptions to their
// webhooks.
const componentSubscriptions = "epcis subscriptions"

// subscriptionsDir is where each webhook subscription's checkpoint lives
// in the data directory.
const subscriptionsDir = "epcis-subscriptions"

// epcisSubscriptions builds what serves EPCIS query subscriptions (ern
// folds the EPCIS model, rn the others): the
// routes' option (webhook subscriptions recorded as events, WebSockets
// ended by stop) and the deliverer of webhooks, a component restarted
// when it fails and run on one replica (it POSTs to the outside world).
func epcisSubscriptions(stop context.Context, cfg Config, store ledgerStore, m *models, rn, ern *runner.Runner, cmds *command.Handlers, sealer *notify.Sealer, logger *slog.Logger) (httpapi.EPCISOption, component, *subscription.Deliverer, error) {
	subs := query.NewEPCISSubscriptions(m.subs, rn.Of(m.subs.Name()))
	cps, err := subscription.OpenCheckpoints(filepath.Join(cfg.Data, subscriptionsDir))
	if err != nil {
		return nil, component{}, nil, fmt.Errorf("EPCIS subscriptions: %w", err)
	}
	d := &subscription.Deliverer{
		Subscriptions: m.subs,
		Progress:      rn.Of(m.subs.Name()),
		Events:        query.NewEPCISQueries(m.epcis, m.history, bothProgress{ern.Of(m.epcis.Name()), rn.Of(m.history.Name())}),
		Checkpoints:   cps,
		Opener:        sealer,
		Parse:         httpapi.ParseEPCISQuery,
		Logger:        logger,
	}
	if err := d.Validate(); err != nil {
		return nil, component{}, nil, err
	}
	return httpapi.WithSubscriptions(stop, cmds, subs), component{componentSubscriptions, restart, singleton(store, "epcis-subscriptions", d.Run)}, d, nil
}
