package chbench

import (
	"testing"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	"github.com/traceledger/traceledger/projections/runner"
)

// BenchmarkDecodeFold is the sink's per-event CPU before the insert:
// decoding the event and folding it into the events table's row.
func BenchmarkDecodeFold(b *testing.B) {
	recs := Synthetic(100_000)
	t := clickhouse.NewEventsTable()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		env, err := runner.Decode(recs[i%len(recs)])
		if err != nil {
			b.Fatal(err)
		}
		t.Fold(env)
	}
}
