package sqlite

import (
	"fmt"
	"os"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/loadgen"
)

// BenchmarkAppend measures durable appends through the store: b.N events
// spread over 1 or 64 writers, one event per Append, for each synchronous
// setting. Run with: go test -run '^$' -bench Append -benchtime 50000x
func BenchmarkAppend(b *testing.B) {
	for _, sync := range []string{"FULL", "NORMAL"} {
		for _, writers := range []int{1, 64} {
			b.Run(fmt.Sprintf("%s/writers=%d", sync, writers), func(b *testing.B) {
				s, err := Open(b.Context(), b.TempDir()+"/ledger.db", Options{Synchronous: sync})
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				per := max(b.N/writers, 1)
				b.ResetTimer()
				res, err := loadgen.Append(b.Context(), s, writers, per)
				if err != nil {
					b.Fatal(err)
				}
				st := s.Stats()
				b.ReportMetric(res.PerSec, "events/s")
				b.ReportMetric(float64(st.Events)/float64(max(st.Commits, 1)), "events/commit")
			})
		}
	}
}

// BenchmarkRawInsert is the ceiling: the same rows inserted with no store
// around them, 64 per transaction (what 64 writers give a group) or 4096.
func BenchmarkRawInsert(b *testing.B) {
	for _, sync := range []string{"FULL", "NORMAL"} {
		for _, batch := range []int{1, 64, 4096} {
			b.Run(fmt.Sprintf("%s/batch=%d", sync, batch), func(b *testing.B) {
				perSec, err := MeasureRawInsert(b.Context(), b.TempDir(), max(b.N, batch), batch, sync)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(perSec, "events/s")
			})
		}
	}
}

// TestMeasure prints the figures `traceledger bench` reports, when asked:
// TRACELEDGER_MEASURE=1 go test -run TestMeasure -v
func TestMeasure(t *testing.T) {
	if os.Getenv("TRACELEDGER_MEASURE") == "" {
		t.Skip("set TRACELEDGER_MEASURE=1 to measure")
	}
	dir := os.Getenv("TRACELEDGER_MEASURE_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, sync := range []string{"FULL", "NORMAL"} {
		for _, c := range []struct{ writers, per int }{{1, 5000}, {64, 1500}} {
			s, err := Open(t.Context(), fmt.Sprintf("%s/measure-%s-%d.db", dir, sync, c.writers), Options{Synchronous: sync})
			if err != nil {
				t.Fatal(err)
			}
			res, err := loadgen.Append(t.Context(), s, c.writers, c.per)
			st := s.Stats()
			s.Close()
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("store %-6s %v (%.1f events/commit)", sync, res, float64(st.Events)/float64(st.Commits))
		}
		for _, batch := range []int{1, 64, 4096} {
			n := 96000
			if batch == 1 {
				n = 5000
			}
			perSec, err := MeasureRawInsert(t.Context(), dir, n, batch, sync)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("raw   %-6s batch %4d: %d rows = %.0f rows/s", sync, batch, n, perSec)
		}
	}
}
