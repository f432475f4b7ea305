package trace_test

import (
	"bufio"
	"context"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/runner"
)

// labels samples labelled serials while the log is folded, for the item
// path timings.
type labels struct {
	n   int
	out [][3]string
}

func (l *labels) Name() string { return "labels" }
func (l *labels) Apply(b []runner.Envelope) error {
	for _, e := range b {
		if ev, ok := e.Event.(batch.Labelled); ok {
			for _, s := range ev.Serials {
				if l.n++; l.n%97 == 0 && len(l.out) < 2000 {
					l.out = append(l.out, [3]string{ev.GTIN, ev.Lot, s})
				}
			}
		}
	}
	return nil
}

func (l *labels) Reset()                   {}
func (l *labels) Snapshot(io.Writer) error { return nil }
func (l *labels) Restore(io.Reader) error  { return nil }

func rss() string {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return "?"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "VmRSS:") {
			return strings.TrimSpace(strings.TrimPrefix(sc.Text(), "VmRSS:"))
		}
	}
	return "?"
}

func heap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func percentiles(f func()) (p50, p99 time.Duration) {
	n := 200
	took := make([]time.Duration, n)
	for i := range took {
		s := time.Now()
		f()
		took[i] = time.Since(s)
	}
	slices.Sort(took)
	return took[n/2], took[n*99/100]
}

// TestMeasureOnALedger folds a generated ledger (TRACE_LEDGER=<data>/ledger.db)
// into the trace model alone and times its queries: the figures of
// docs/capacity.md. It asserts nothing about time.
func TestMeasureOnALedger(t *testing.T) {
	path := os.Getenv("TRACE_LEDGER")
	if path == "" {
		t.Skip("set TRACE_LEDGER to a generated ledger.db")
	}
	store, err := sqlite.OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	raw, err := runner.Rebuild(t.Context(), store, "", nil, &labels{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("read and decode alone: %.0f events/s", raw.PerSecond())
	before := heap()
	tr, done := measured(t)
	defer done()
	// TRACE_FOLD_SECONDS stops the fold after that long (for a profile).
	ctx := t.Context()
	if secs, err := strconv.Atoi(os.Getenv("TRACE_FOLD_SECONDS")); err == nil {
		var cancel func()
		ctx, cancel = context.WithTimeout(ctx, time.Duration(secs)*time.Second)
		defer cancel()
	}
	var reached uint64
	start := time.Now()
	res, err := runner.Rebuild(ctx, store, "", func(done, _ uint64) { reached = done }, tr)
	if ctx.Err() != nil {
		t.Logf("stopped after %v at %d events: %.0f events/s", time.Since(start).Round(time.Millisecond), reached, float64(reached)/time.Since(start).Seconds())
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	after := heap()
	t.Logf("fold: %d events in %v = %.0f events/s; heap %+.1f MiB = %.0f B/event; RSS %s",
		res.Events, res.Elapsed.Round(time.Millisecond), res.PerSecond(), float64(int64(after)-int64(before))/(1<<20),
		float64(int64(after)-int64(before))/float64(res.Events), rss())
	rl := recalllist.New(tr)
	lb := &labels{}
	if _, err := runner.Rebuild(t.Context(), store, "", nil, rl, lb); err != nil {
		t.Fatal(err)
	}
	bs, err := tr.Batches()
	if err != nil {
		t.Fatal(err)
	}
	// The largest batch is the one whose units went the most ways.
	var big query.BatchSummary
	var g query.TraceGraph
	for _, b := range bs {
		if x, _ := tr.Downstream(t.Context(), b.GTIN, b.Lot, nil); len(x.Edges)+len(x.Holders) > len(g.Edges)+len(g.Holders) {
			big, g = b, x
		}
	}
	p50, p99 := percentiles(func() { tr.Downstream(t.Context(), big.GTIN, big.Lot, nil) })
	t.Logf("trace down of the largest batch %s/%s (%d units, %d holders, %d edges): p50 %v p99 %v", big.GTIN, big.Lot, big.Quantity, len(g.Holders), len(g.Edges), p50, p99)
	p50, p99 = percentiles(func() { tr.Upstream(t.Context(), big.GTIN, big.Lot, nil) })
	t.Logf("trace up of it: p50 %v p99 %v", p50, p99)
	i := 0
	p50, p99 = percentiles(func() {
		s := lb.out[i%len(lb.out)]
		i++
		if _, err := tr.ItemPath(t.Context(), s[0], s[1], s[2], nil); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("item path (%d sampled items): p50 %v p99 %v", len(lb.out), p50, p99)
	i = 0
	p50, p99 = percentiles(func() {
		s := lb.out[i%len(lb.out)]
		i++
		tr.ItemPath(t.Context(), s[0], "", s[2], nil)
	})
	t.Logf("item path without a lot: p50 %v p99 %v", p50, p99)
	all, err := rl.All(t.Context(), time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) > 0 {
		i = 0
		p50, p99 = percentiles(func() {
			rl.Get(t.Context(), all[i%len(all)].RecallID, time.Now(), nil)
			i++
		})
		t.Logf("recall list (%d recalls): p50 %v p99 %v", len(all), p50, p99)
	}
	var owners []string
	for _, b := range bs {
		if !slices.Contains(owners, b.OwnerUSCC) {
			owners = append(owners, b.OwnerUSCC)
		}
	}
	for _, h := range g.Holders {
		if !slices.Contains(owners, h.USCC) {
			owners = append(owners, h.USCC)
		}
	}
	i = 0
	p50, p99 = percentiles(func() {
		tr.Held(owners[i%len(owners)])
		i++
	})
	t.Logf("stock of an enterprise (%d enterprises): p50 %v p99 %v", len(owners), p50, p99)
	p50, p99 = percentiles(func() { tr.Batches(owners[0]) })
	t.Logf("batch directory of an enterprise: p50 %v p99 %v", p50, p99)
	p50, p99 = percentiles(func() { tr.Recalled(); tr.Rejected(); tr.ExpiringBy("2026-12-31") })
	t.Logf("alert stock (recalled+rejected+expiring): p50 %v p99 %v", p50, p99)
	t.Logf("batches %d", len(bs))
}
