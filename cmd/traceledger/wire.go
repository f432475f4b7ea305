package main

import (
	"context"
	"path/filepath"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/kurrentdb"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/notify"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/event"
)

// newCommands builds the command handlers serve records with. It is the one
// place they are built for the server: options the handlers grow (a clock,
// a cache size from the config) are wired here.
func newCommands(store event.Store, cfg Config, sealer *notify.Sealer, obs command.Observer) *command.Handlers {
	return command.NewHandlers(store, command.Options{BaseURL: cfg.BaseURL, Sealer: sealer, Observer: obs})
}

// ledgerStore is what serve needs of an event store: the port, and reading
// the events a history lists by position.
type ledgerStore interface {
	event.Store
	ReadPositions(ctx context.Context, positions []uint64) ([]event.Record, error)
}

// openStore opens the configured event store: the embedded SQLite file in
// the data directory, or KurrentDB.
func openStore(ctx context.Context, cfg Config) (ledgerStore, error) {
	if cfg.EventStore == storeKurrentDB {
		octx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		s, err := kurrentdb.Open(octx, cfg.KurrentDBURL, kurrentdb.Options{})
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	s, err := sqlite.Open(ctx, filepath.Join(cfg.Data, ledgerFile), sqlite.Options{})
	if err != nil {
		return nil, err
	}
	return s, nil
}
