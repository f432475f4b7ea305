package trace_test

import (
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/traceledger/traceledger/projections/trace"
)

// The measurement runs on a small data set in every test run; set
// TRACE_BENCH_ITEMS (e.g. 1000000) for the figure of the issue.
func TestMeasureDownstream(t *testing.T) {
	items, units := 5_000, 1_000
	if os.Getenv("TRACE_BENCH_ITEMS") != "" {
		items, units = atoi(t, os.Getenv("TRACE_BENCH_ITEMS")), 10_000
	}
	start := time.Now()
	p50, p99, err := trace.MeasureDownstream(t.Context(), items, units)
	if err != nil {
		t.Fatal(err)
	}
	if p50 <= 0 || p99 < p50 {
		t.Fatalf("p50 %v p99 %v", p50, p99)
	}
	t.Logf("items %d: downstream p50 %v p99 %v (whole run %v)", items, p50, p99, time.Since(start).Round(time.Millisecond))
}

// The synthetic data set counts each unit once, and its heap stays small.
func TestSyntheticDataSet(t *testing.T) {
	items := 30_000
	if os.Getenv("TRACE_BENCH_ITEMS") != "" {
		items = atoi(t, os.Getenv("TRACE_BENCH_ITEMS"))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, names, err := trace.SyntheticDataSet(t.Context(), items, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	tr, err := p.Downstream(t.Context(), trace.HotGTIN, trace.HotLot, names)
	if err != nil {
		t.Fatal(err)
	}
	tot := tr.Totals
	if tot.InStock+tot.InTransit+tot.Sold+tot.Returned+tot.Destroyed != tot.Quantity || tot.Quantity != 10_000 {
		t.Fatalf("totals %+v do not count each unit once", tot)
	}
	if len(tr.Holders) < 500 {
		t.Fatalf("hot batch spread over %d holders, want 500 or more", len(tr.Holders))
	}
	t.Logf("items %d: heap %.1f MiB (%.0f bytes an item); hot batch: %d holders, %d edges, in transit %d, sold %d",
		items, float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), float64(after.HeapAlloc-before.HeapAlloc)/float64(items),
		len(tr.Holders), len(tr.Edges), tot.InTransit, tot.Sold)
	runtime.KeepAlive(p)
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// BenchmarkDownstream times the hot batch's downstream trace (10,000 units
// over 520 holders) in a 100,000-item data set.
func BenchmarkDownstream(b *testing.B) {
	p, names, err := trace.SyntheticDataSet(b.Context(), 100_000, 10_000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Downstream(b.Context(), trace.HotGTIN, trace.HotLot, names); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkItemPath times one item's path, derived from its batch's moves
// (the hot batch: 10,000 items, about 3,500 moves).
func BenchmarkItemPath(b *testing.B) {
	p, names, err := trace.SyntheticDataSet(b.Context(), 100_000, 10_000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.ItemPath(b.Context(), trace.HotGTIN, trace.HotLot, "7777", names); err != nil {
			b.Fatal(err)
		}
	}
}
