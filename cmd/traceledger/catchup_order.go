package main

import (
	"context"

	"github.com/traceledger/traceledger/projections/runner"
)

// afterMain runs run once the main runner has folded the log as it stood
// at start (head). On a start far behind the log, a first start above all,
// the core read models (certificates, histories, traces, recall lists,
// dashboards) then have the machine to themselves and serve is ready
// sooner; the search index and the EPCIS view, which fold several times
// slower, follow, their queries waiting on their own positions meanwhile.
// A main model that failed does not hold them back.
func afterMain(main *runner.Runner, head uint64, run func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error {
		_ = main.WaitFor(ctx, head) // a failed model is the main runner's to report
		if ctx.Err() != nil {
			return nil
		}
		return run(ctx)
	}
}
