package enginebench

import (
	"context"
	"runtime"

	"github.com/traceledger/traceledger/domain/event"
)

// decodeOrdered runs decode on the pages produce emits, on as many
// goroutines as there are CPUs, and hands the results to fn in the order
// the pages were emitted: the read stays sequential, the decoding does not.
func decodeOrdered[P any](ctx context.Context, produce func(emit func(P) error) error, decode func(P) ([]event.Record, error), fn func([]event.Record) error) error {
	type job struct {
		page P
		out  chan result
	}
	workers := max(runtime.GOMAXPROCS(0), 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan job, workers)
	order := make(chan job, 2*workers)
	for range workers {
		go func() {
			for j := range work {
				recs, err := decode(j.page)
				j.out <- result{recs, err}
			}
		}()
	}
	prodErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(work)
		prodErr <- produce(func(p P) error {
			j := job{page: p, out: make(chan result, 1)}
			select {
			case work <- j:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case order <- j:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var err error
	for j := range order {
		r := <-j.out
		if err == nil {
			err = r.err
		}
		if err == nil {
			err = fn(r.recs)
		}
		if err != nil {
			cancel()
		}
	}
	if perr := <-prodErr; err == nil {
		err = perr
	}
	return err
}

type result struct {
	recs []event.Record
	err  error
}
