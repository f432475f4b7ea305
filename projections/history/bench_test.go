package history

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

// itemLog is n items in batches of 10,000, each labelled, shipped to a
// distributor, shipped on to one of 200 shops in cases of 50 and sold one
// by one: six events per unit, as in a busy retail chain.
func itemLog(n int) [][]runner.Envelope {
	const perBatch = 10_000
	var pos uint64
	at := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	mk := func(ev event.Event) runner.Envelope {
		pos++
		return runner.Envelope{Record: event.Record{Position: pos, Type: ev.EventType(),
			Metadata: event.Metadata{ActorUSCC: imp, OccurredAt: at}}, Event: ev}
	}
	var out [][]runner.Envelope
	for b := 0; b*perBatch < n; b++ {
		lot := fmt.Sprintf("L%d", b)
		serials := make([]string, min(perBatch, n-b*perBatch))
		for i := range serials {
			serials[i] = fmt.Sprintf("%012d", b*perBatch+i)
		}
		envs := []runner.Envelope{
			mk(batch.Registered{GTIN: gtin, Lot: lot, OwnerUSCC: imp}),
			mk(batch.Labelled{GTIN: gtin, Lot: lot, OwnerUSCC: imp, Serials: serials}),
			mk(batch.Shipped{GTIN: gtin, Lot: lot, FromUSCC: imp, ToUSCC: dist, Waybill: "W" + lot, Units: batch.Units{Serials: serials}}),
			mk(batch.Received{GTIN: gtin, Lot: lot, ToUSCC: dist, Units: batch.Units{Serials: serials}}),
		}
		for i := 0; i < len(serials); i += 50 {
			shop := fmt.Sprintf("9144010100000%05d", (i/50)%200)
			units := batch.Units{Serials: serials[i:min(i+50, len(serials))]}
			envs = append(envs,
				mk(batch.Shipped{GTIN: gtin, Lot: lot, FromUSCC: dist, ToUSCC: shop, Waybill: fmt.Sprintf("W%d-%d", b, i), Units: units}),
				mk(batch.Received{GTIN: gtin, Lot: lot, ToUSCC: shop, Units: units}))
		}
		for i, s := range serials {
			shop := fmt.Sprintf("9144010100000%05d", (i/50)%200)
			envs = append(envs, mk(batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: shop, Channel: "retail", Units: batch.Units{Serials: []string{s}}}))
		}
		out = append(out, envs)
	}
	return out
}

// BenchmarkFold folds 100,000 items and reports the heap the model keeps
// per item; go test -bench Fold -benchtime 1x ./projections/history/.
func BenchmarkFold(b *testing.B) {
	const items = 100_000
	log := itemLog(items)
	events := 0
	for _, envs := range log {
		events += len(envs)
	}
	var snap int
	for b.Loop() {
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		p := newModel(b)
		for _, envs := range log {
			if err := p.Apply(envs); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		b.ReportMetric(float64(m1.HeapAlloc-m0.HeapAlloc)/items, "heap-B/item")
		var buf bytes.Buffer
		if err := p.Snapshot(&buf); err != nil {
			b.Fatal(err)
		}
		snap = buf.Len()
		runtime.KeepAlive(p)
	}
	b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(snap)/items, "snapshot-B/item")
}
