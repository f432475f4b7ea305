package main

import (
	"errors"
	"fmt"
	"log/slog"
)

// The background components serve supervises, by the names its errors,
// logs and /healthz give them.
const (
	componentReadModels = "read models"
	componentBus        = "bus"
	componentClickHouse = "clickhouse sink"
	componentNotary     = "notary"
	// componentSearchIndex is the runner that keeps the search index.
	componentSearchIndex = "search index"
	// componentEPCIS is the runner that keeps the EPCIS read model, whose
	// rendering and hashing would otherwise delay every other model.
	componentEPCIS = "epcis read model"
)

// serveConfig is what serve runs with: the validated configuration, the
// logger, and the hooks of callers that run it in-process.
type serveConfig struct {
	Config Config
	Logger *slog.Logger
	// HeapProfile, if set, is the file a heap profile is written to as
	// serve stops, before the read models close.
	HeapProfile string
	// Ready, if not nil, is told the address once the server listens.
	Ready func(addr string)
	// faults, set only by tests (nothing outside the process reaches it),
	// make the named component fail with the error received.
	faults map[string]<-chan error
}

// Validate names every problem; the Config itself is validated where it is
// parsed.
func (c serveConfig) Validate() error {
	errs := []error{missing("serve", map[string]bool{
		"Config.Data": c.Config.Data != "", "Config.Addr": c.Config.Addr != "", "Logger": c.Logger != nil,
	})}
	for name := range c.faults {
		switch name {
		case componentReadModels, componentBus, componentClickHouse, componentNotary, componentSearchIndex, componentEPCIS,
			componentSubscriptions:
		default:
			errs = append(errs, fmt.Errorf("serve: no component %q to fail", name))
		}
	}
	return errors.Join(errs...)
}
