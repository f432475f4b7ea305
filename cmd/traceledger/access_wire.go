package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/kurrentdb"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/notify"
	"github.com/traceledger/traceledger/domain/event"
)

// accessFile is the embedded access log: token grants and revocations.
const accessFile = "access.db"

// accessLogSuffix names the access log's KurrentDB stream after the ledger's.
const accessLogSuffix = "-access"

// secretsKeyFile is the key that seals webhook secrets (see Config).
const secretsKeyFile = "secrets.key"

// openSecrets loads (creating at first use) the key that seals webhook
// secrets into registrations, and the lookup the notifier opens them with.
// An older webhooks.json is still read for enterprises registered before.
func openSecrets(cfg Config, store notify.StreamReader) (*notify.Sealer, *notify.Secrets, error) {
	path := cfg.SecretsKeyFile
	if path == "" {
		path = filepath.Join(cfg.Data, secretsKeyFile)
	}
	sealer, err := notify.LoadOrCreateSealer(path)
	if err != nil {
		return nil, nil, err
	}
	secrets, err := notify.NewSecrets(store, sealer, filepath.Join(cfg.Data, webhooksFile))
	if err != nil {
		return nil, nil, err
	}
	return sealer, secrets, nil
}

// openAccessStore opens the access log: the events of who may use the API
// (token grants and revocations), kept apart from the supply-chain ledger
// so that issuing a token never moves the ledger's positions, its exports
// or its signed checkpoints. It is an event store like the ledger, hash
// chained, on the same backend: a file beside ledger.db, or a second stream
// on the same KurrentDB, which every replica shares.
func openAccessStore(ctx context.Context, cfg Config) (event.Store, error) {
	if cfg.EventStore == storeKurrentDB {
		t, err := kurrentdb.ParseURL(cfg.KurrentDBURL)
		if err != nil {
			return nil, err
		}
		octx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		s, err := kurrentdb.Open(octx, cfg.KurrentDBURL, kurrentdb.Options{Log: t.Log + accessLogSuffix})
		if err != nil {
			return nil, fmt.Errorf("open access log: %w", err)
		}
		return s, nil
	}
	s, err := sqlite.Open(ctx, filepath.Join(cfg.Data, accessFile), sqlite.Options{})
	if err != nil {
		return nil, fmt.Errorf("open access log: %w", err)
	}
	return s, nil
}
