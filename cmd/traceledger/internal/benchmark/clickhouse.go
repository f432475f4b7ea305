package benchmark

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse/chbench"
)

// benchClickHouse is the ClickHouse part of `traceledger bench --clickhouse
// DSN`, in a scratch database beside the DSN's ("<db>_bench", dropped at the
// end):
//
//   - clickhouse_sink_events_per_s: the sink ingesting 1,000,000 synthetic
//     events (the demo's mix of types) from an in-memory log into the events
//     table and its daily views, from its start until ClickHouse has
//     acknowledged the last one: decoding, folding and inserting. Beside it,
//     raw_clickhouse_batch_insert_events_per_s: clickhouse-go batch inserts
//     of the same rows into the same table, 100,000 rows an insert (the
//     sink's largest batch), folded before the clock runs. Best of two
//     rounds each.
//   - analytics_query_p50_ms: the median of the dashboard queries
//     (chbench.Queries) over 10,000,000 events generated on the server, and
//     each query's own median, beside the goal of 1,000 ms.
func benchClickHouse(ctx context.Context, dsn string, out func(Figure)) error {
	res, err := chbench.Run(ctx, dsn, chbench.Sizes{
		Events:      1_000_000,
		RawBatch:    100_000,
		QueryEvents: 10_000_000,
		Runs:        7,
		Rounds:      2,
	})
	if err != nil {
		return err
	}
	raw := res.Raw.PerSecond()
	out(newFigure("raw_clickhouse_batch_insert_events_per_s", raw, "events/s", "goal_events_per_s", 150_000))
	out(newFigure("clickhouse_sink_events_per_s", res.Sink.PerSecond(), "events/s", "raw_clickhouse_batch_insert_events_per_s", raw))
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	out(newFigure("analytics_query_p50_ms", ms(res.QueryP50), "ms", "goal_ms", 1000))
	for _, q := range res.Queries {
		out(newFigure("analytics_"+q.Name+"_p50_ms", ms(q.P50), "ms", "goal_ms", 1000))
	}
	return nil
}
