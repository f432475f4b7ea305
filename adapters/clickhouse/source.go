package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

// Log is what the sink reads: the event store's read side. An event.Store
// is one; the sink never appends, so the ledger keeps taking commands
// whatever happens to ClickHouse.
type Log interface {
	ReadAll(ctx context.Context, after uint64, limit int) ([]event.Record, error)
	Head(ctx context.Context) (uint64, error)
	Subscribe(ctx context.Context, after uint64, fn func(event.Record) error) error
}

// readPage is how many records one ReadAll of the catch-up reads.
const readPage = 4096

// decodePage decodes records on up to four goroutines: decoding JSON is
// most of the sink's own work while it catches up.
func decodePage(recs []event.Record) ([]runner.Envelope, error) {
	page := make([]runner.Envelope, len(recs))
	parts := min(runtime.GOMAXPROCS(0), 4, max(len(recs)/512, 1))
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			for i := p * len(recs) / parts; i < (p+1)*len(recs)/parts; i++ {
				env, err := runner.Decode(recs[i])
				if err != nil {
					errs[p] = fmt.Errorf("clickhouse sink: %w", err)
					return
				}
				page[i] = env
			}
		})
	}
	wg.Wait()
	return page, errors.Join(errs...)
}

// readLog delivers the log from position 1 in pages of decoded envelopes:
// what is stored with ReadAll (pages are faster than a subscription), then
// what comes with Subscribe from where the pages ended.
func readLog(ctx context.Context, log Log, out chan<- []runner.Envelope) error {
	var after uint64
	for {
		recs, err := log.ReadAll(ctx, after, readPage)
		if err != nil {
			return fmt.Errorf("clickhouse sink: read log after %d: %w", after, err)
		}
		if len(recs) > 0 {
			page, err := decodePage(recs)
			if err != nil {
				return err
			}
			select {
			case out <- page:
			case <-ctx.Done():
				return ctx.Err()
			}
			after = recs[len(recs)-1].Position
		}
		if len(recs) < readPage {
			break
		}
	}
	return log.Subscribe(ctx, after, func(rec event.Record) error {
		env, err := runner.Decode(rec)
		if err != nil {
			return fmt.Errorf("clickhouse sink: %w", err)
		}
		select {
		case out <- []runner.Envelope{env}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
}
