package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/kurrentdb"
)

// leaseTTL is how long a replica holds a lease without renewing it.
const leaseTTL = 15 * time.Second

// singleton runs work on one replica at a time. On the embedded store there
// is one process per ledger (the file lock), so work just runs; on KurrentDB,
// replicas elect a holder of the named lease, and only it runs work (the
// ClickHouse sink, the bus), so no effect outside a replica happens twice.
func singleton(store ledgerStore, name string, work func(ctx context.Context) error) func(ctx context.Context) error {
	ks, ok := store.(*kurrentdb.Store)
	if !ok {
		return work
	}
	host, _ := os.Hostname()
	holder := fmt.Sprintf("%s-%d", host, os.Getpid())
	return func(ctx context.Context) error {
		err := kurrentdb.NewElector(ks.Leases(), name, holder, leaseTTL).Run(ctx, work)
		if errors.Is(err, context.Canceled) && ctx.Err() != nil {
			return nil
		}
		return err
	}
}
