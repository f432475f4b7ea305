package benchmark

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/domain/event"
)

// The large-ledger parts.
const (
	// PartGenerate is the generator's rate and the store's bulk path
	// alone, each beside a raw insert of the same rows.
	PartGenerate = "generate"
	// PartScale is the figures of a ledger of Config.ScaleEvents events:
	// generating it, its size, serve's start-up and memory, the replay.
	PartScale = "scale"
)

// bulkEvents is the events per bulk transaction of the generator and the
// rows per transaction of its raw baseline.
const bulkEvents = 20_000

// rawLimit bounds the rows the raw baselines hold in memory.
const rawLimit = 1_000_000

// generated writes a ledger of about events events into dir and returns
// its path, how many events it holds and how long it took.
func generated(ctx context.Context, c Config, dir string, events int) (path string, g Generated, took time.Duration, err error) {
	start := time.Now()
	if g, err = c.Generate(ctx, dir, events); err != nil {
		return "", g, 0, fmt.Errorf("generate %d events: %w", events, err)
	}
	return filepath.Join(dir, c.LedgerFile), g, time.Since(start), nil
}

// Generated is what Config.Generate wrote.
type Generated struct {
	Events int
	// GTIN is an imported product with an issued certificate, for the
	// public certificate check that tells when serve is ready.
	GTIN string
}

// benchGenerate generates a ledger of c.GenerateEvents events beside a raw
// batched insert of the same rows in transactions of the same size, then
// re-appends the same records through the store's bulk path alone.
func benchGenerate(ctx context.Context, c Config, dir string, out func(Figure)) error {
	path, g, took, err := generated(ctx, c, filepath.Join(dir, "generate"), c.GenerateEvents)
	if err != nil {
		return err
	}
	n := g.Events
	_, raw, err := sqlite.MeasureRawInsertOf(ctx, path, dir, rawLimit, bulkEvents, c.Synchronous)
	if err != nil {
		return err
	}
	const baseline = "raw_sqlite_batched_insert_same_rows_per_s"
	out(newFigure("generate_events_per_s", float64(n)/took.Seconds(), "events/s", baseline, raw))
	bulk, err := measureBulk(ctx, path, dir, c.Synchronous)
	if err != nil {
		return err
	}
	out(newFigure("bulk_append_events_per_s", bulk, "events/s", baseline, raw))
	return nil
}

// measureBulk reads up to rawLimit records of the ledger at src and appends
// them again, each as the append of one event it was, through AppendBulk
// into a fresh store, bulkEvents a transaction: the bulk path without the
// generator's deciding and encoding. It returns events per second.
func measureBulk(ctx context.Context, src, dir, sync string) (float64, error) {
	from, err := sqlite.OpenReadOnly(ctx, src)
	if err != nil {
		return 0, err
	}
	var recs []event.Record
	for len(recs) < rawLimit {
		page, err := from.ReadAll(ctx, uint64(len(recs)), 10_000)
		if err != nil {
			from.Close()
			return 0, err
		}
		if len(page) == 0 {
			break
		}
		recs = append(recs, page...)
	}
	from.Close()
	appends := make([][]event.Write, len(recs))
	for i, r := range recs {
		appends[i] = []event.Write{{Stream: r.Stream, Expected: event.Exact(r.Version - 1),
			Events: []event.Pending{{ID: r.ID, Type: r.Type, Data: r.Data, Metadata: r.Metadata}}}}
	}
	store, err := sqlite.Open(ctx, filepath.Join(dir, "bulk.db"), sqlite.Options{Synchronous: sync})
	if err != nil {
		return 0, err
	}
	defer store.Close()
	start := time.Now()
	for len(appends) > 0 {
		k := min(bulkEvents, len(appends))
		if _, err := store.AppendBulk(ctx, appends[:k]); err != nil {
			return 0, err
		}
		appends = appends[k:]
	}
	return float64(len(recs)) / time.Since(start).Seconds(), nil
}
