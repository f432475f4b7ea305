package demo_test

import (
	"testing"

	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/catalog"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/shipment"
)

// Generate reaches about the events asked for, in several bulks, with the
// demo's proportions (sales the most, then the shipments' four events each),
// every event one the catalogue decodes, every batch, shipment and
// declaration stream one its aggregate folds, and the hash chain whole.
func TestGenerateWritesALedgerOfTheSizeAskedThatTheAggregatesFold(t *testing.T) {
	st := sqlitetest.Open(t)
	h := command.NewHandlers(st, demo.CommandOptions(3, "https://id.example.cn"))
	sum, err := demo.Generate(t.Context(), h, st, demo.LargeOptions{Events: 12_000, Units: 1_500, Seed: 3, Now: now, BulkEvents: 3_000})
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	recs, err := st.ReadAll(t.Context(), 0, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != sum.Events || sum.Events < 12_000 || sum.Events > 12_600 {
		t.Fatalf("%d events stored, summary says %d, asked about 12,000", len(recs), sum.Events)
	}
	if sum.Bulks < 3 || sum.Labels < 1_000 || sum.Recalls < 1 || sum.Complaints < 1 || sum.Declarations == 0 || sum.Inspections == 0 {
		t.Fatalf("summary %+v: want several bulks, labels, a recall, complaints, declarations and inspections", sum)
	}
	byType := map[string]int{}
	streams := map[string][]event.Record{}
	var prev [32]byte
	for _, r := range recs {
		if event.Chain(prev, r) != r.Hash {
			t.Fatalf("position %d: the chain breaks", r.Position)
		}
		prev = r.Hash
		if _, err := catalog.Events.Decode(r); err != nil {
			t.Fatalf("position %d %s: %v", r.Position, r.Type, err)
		}
		byType[r.Type]++
		streams[r.Stream] = append(streams[r.Stream], r)
	}
	if byType[batch.TypeSold] < len(recs)/2 || byType[batch.TypeShipped] != byType[shipment.TypeDispatched] ||
		byType[batch.TypeReceived] != sum.Receipts || byType[batch.TypeSold] != sum.Sales {
		t.Fatalf("event types %v against summary %+v", byType, sum)
	}
	folds := map[string]func([]event.Record) error{
		"batch-":       func(rs []event.Record) error { _, err := batch.Load(rs); return err },
		"shipment-":    func(rs []event.Record) error { _, err := shipment.Load(rs); return err },
		"declaration-": func(rs []event.Record) error { _, err := customs.Load(rs); return err },
	}
	for name, rs := range streams {
		for prefix, fold := range folds {
			if len(name) > len(prefix) && name[:len(prefix)] == prefix {
				if err := fold(rs); err != nil {
					t.Fatalf("stream %s does not fold: %v", name, err)
				}
			}
		}
	}
}
