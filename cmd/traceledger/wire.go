package main

import (
	"errors"

	"github.com/traceledger/traceledger/domain/command"
	"github.com/traceledger/traceledger/domain/event"
)

// newCommands builds the command handlers serve records with. It is the one
// place they are built for the server: options the handlers grow (a clock,
// a cache size from the config) are wired here.
func newCommands(store event.Store, cfg Config) *command.Handlers {
	return command.NewHandlers(store, command.Options{BaseURL: cfg.BaseURL})
}

// unavailable refuses what the configuration asks for and this build cannot
// do yet. Each later backend (KurrentDB store, ClickHouse sink, NATS bus)
// removes its line here and is wired in serve.
func unavailable(cfg Config) error {
	var errs []error
	if cfg.EventStore == storeKurrentDB {
		errs = append(errs, errors.New("--eventstore kurrentdb: not available in this build yet (use sqlite)"))
	}
	if cfg.NATSURL != "" {
		errs = append(errs, errors.New("--nats: not available in this build yet (unset it to use the in-process bus)"))
	}
	return errors.Join(errs...)
}
