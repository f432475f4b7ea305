package main

import (
	"context"
)

// headWaiter is a runner as after waits on it: *runner.Runner.
type headWaiter interface {
	WaitFor(ctx context.Context, pos uint64) error
}

// after runs run once each of the runners before, in turn, has folded the
// log as it stood at start (head). On a start far behind the log, a first
// start above all, the core read models (certificates, histories, traces,
// recall lists, dashboards) then have the machine to themselves and serve
// is ready sooner; the search index and then the EPCIS view, which fold
// several times slower, follow one after the other, their queries waiting
// on their own positions meanwhile. Each of those two folds keeps both
// cores busy (its store's compactions or merges, the collector), so
// folding them together took longer than folding one and then the other,
// and the search index, the quicker, answers minutes sooner (measured in
// capacity.md). A runner that failed does not hold run back: its failure
// is its own to report.
func after(head uint64, run func(context.Context) error, before ...headWaiter) func(context.Context) error {
	return func(ctx context.Context) error {
		for _, b := range before {
			_ = b.WaitFor(ctx, head)
		}
		if ctx.Err() != nil {
			return nil
		}
		return run(ctx)
	}
}

// releasing runs run and, once w has folded the log as it stood at start
// (head), calls release once. serve hands it the last fold of the start,
// with debug.FreeOSMemory: a catch-up leaves the heap near its collector
// goal, full of the fold's garbage, so the first reads after it met a
// collection marking the whole heap, and the process kept memory it no
// longer used. One collection when the start's folds are done gives that
// back at once.
func releasing(w headWaiter, head uint64, release func(), run func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error {
		go func() {
			if w.WaitFor(ctx, head) == nil && ctx.Err() == nil {
				release()
			}
		}()
		return run(ctx)
	}
}
