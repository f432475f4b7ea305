package chbench

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse"
)

// Sizes are how much a Run measures.
type Sizes struct {
	// Events is the synthetic log the sink ingests (the bench: 1,000,000).
	Events int
	// RawBatch is the rows per insert of the raw baseline: the sink's
	// MaxBatchSize, the largest inserts it makes while catching up.
	RawBatch int
	// QueryEvents is the generated events the queries run over (the
	// bench: 10,000,000).
	QueryEvents int
	// Runs is the timed runs of each query (the bench: 7).
	Runs int
	// Rounds is how often the sink and the raw insert are each measured,
	// alternating; the best round of each counts, so that a neighbour's
	// burst of CPU does not decide the figure (the bench: 2).
	Rounds int
}

// Result is what a Run measured.
type Result struct {
	Sink, Raw Rate
	Queries   []Latency
	QueryP50  time.Duration
}

// Run measures in a scratch database beside the DSN's ("<db>_bench",
// dropped at the end, never the ledger's own): the sink against the raw
// insert on the same rows and table, then the queries.
func Run(ctx context.Context, dsn string, sz Sizes) (res Result, err error) {
	scratch, err := ScratchDSN(dsn)
	if err != nil {
		return Result{}, err
	}
	c, err := clickhouse.Open(ctx, scratch)
	if err != nil {
		return Result{}, err
	}
	defer func() {
		err = errors.Join(err, c.Exec(context.WithoutCancel(ctx), "DROP DATABASE IF EXISTS {db}"), c.Close())
	}()
	log := NewMemLog(Synthetic(sz.Events))
	for range max(sz.Rounds, 1) {
		if err := Fresh(ctx, c); err != nil {
			return Result{}, err
		}
		raw, err := Raw(ctx, c, log, sz.RawBatch)
		if err != nil {
			return Result{}, err
		}
		if err := Fresh(ctx, c); err != nil {
			return Result{}, err
		}
		sink, err := Sink(ctx, c, log)
		if err != nil {
			return Result{}, err
		}
		if raw.PerSecond() > res.Raw.PerSecond() {
			res.Raw = raw
		}
		if sink.PerSecond() > res.Sink.PerSecond() {
			res.Sink = sink
		}
	}
	log = nil
	if err := Fresh(ctx, c); err != nil {
		return Result{}, err
	}
	if err := Populate(ctx, c, sz.QueryEvents); err != nil {
		return Result{}, err
	}
	if err := waitMerges(ctx, c, 2*time.Minute); err != nil {
		return Result{}, err
	}
	res.Queries, res.QueryP50, err = MeasureQueries(ctx, c, sz.Runs)
	return res, err
}

// ScratchDSN is dsn with its database replaced by "<db>_bench".
func ScratchDSN(dsn string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("clickhouse DSN: %w", err)
	}
	db := strings.Trim(u.Path, "/")
	if db == "" {
		db = clickhouse.DefaultDatabase
	}
	u.Path = "/" + db + "_bench"
	return u.String(), nil
}

// waitMerges waits until the server merges nothing of the database, as a
// table that has been loaded for a while is: queries then read a few large
// parts, not the many fresh ones of the load.
func waitMerges(ctx context.Context, c *clickhouse.Conn, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		var n uint64
		if err := c.QueryRow(ctx, "SELECT count() FROM system.merges WHERE database = ?", c.Database()).Scan(&n); err != nil {
			return fmt.Errorf("read merges: %w", err)
		}
		if n == 0 {
			return nil
		}
		select {
		case <-time.After(500 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
