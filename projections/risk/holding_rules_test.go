package risk

import (
	"errors"
	"fmt"
	"testing"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/batch/batchtest"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/unitstate"
)

func envelope(pos int, ev event.Event) runner.Envelope {
	return runner.Envelope{Record: event.Record{Position: uint64(pos), Type: ev.EventType()}, Event: ev}
}

// outstandingBy is the grade's units in stock or in transit per holder of
// the batch.
func (p *Projection) outstandingBy(gtin, lot string) map[string]int64 {
	out := map[string]int64{}
	if b := p.State().Batches[batchKey(gtin, lot)]; b != nil {
		for _, h := range b.Holders {
			if n := h.Outstanding(); n != 0 {
				out[h.USCC] = n
			}
		}
	}
	return out
}

// On every log the ledger writes itself, the grade's units outstanding per
// holder equal the batch aggregate's tallies (in stock plus in transit):
// random histories driven through the aggregate, as unitstate's tests do.
func TestGradeCountsOutstandingUnitsAsTheBatchAggregate(t *testing.T) {
	for seed := range uint64(30) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			p, fed := New(), 0
			spec := batchtest.Spec(40)
			err := batchtest.Random(seed, 40, 200, func(step int, b *batch.Batch, raised []event.Event) {
				var envs []runner.Envelope
				for _, ev := range raised {
					fed++
					envs = append(envs, envelope(fed, ev))
				}
				if err := p.Apply(envs); err != nil {
					t.Fatal(err)
				}
				want := map[string]int64{}
				for _, tl := range b.Tallies() {
					if tl.Outstanding() != 0 {
						want[tl.USCC] = tl.Outstanding()
					}
				}
				got := p.outstandingBy(spec.GTIN.String(), spec.Lot.String())
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("step %d: outstanding\n got %v\nwant %v", step, got, want)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// The one place the rules part on purpose: a receipt of a shipment the
// batch never sent, which only a log written elsewhere can hold. The batch
// aggregate refuses it and projections/unitstate ignores it (they describe
// what the ledger allows); the grade, and the ClickHouse grade that must
// equal it, count its units at the receiver, so goods that appear from
// nowhere still have to be accounted for in a recall.
func TestOnlyTheGradeCountsTheReceiptOfAnUnknownShipment(t *testing.T) {
	shop := batchtest.Holders[1]
	spec := batchtest.Spec(10)
	b, err := batch.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Register(spec); err != nil {
		t.Fatal(err)
	}
	if err := b.Receive("nowhere", shop, batch.ReceiptTerms{}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("the aggregate received an unknown shipment: %v", err)
	}
	reg := b.Changes()[0]
	foreign := batch.Received{GTIN: spec.GTIN.String(), Lot: spec.Lot.String(), ShipmentID: "nowhere", ToUSCC: shop.String(),
		Units: batch.Units{Quantity: 3}}

	hs := unitstate.NewHolders()
	u := unitstate.NewBatch()
	u.Apply(reg, 1, hs)
	if u.Apply(foreign, 2, hs) {
		t.Fatal("unitstate folded a receipt of an unknown shipment")
	}
	for _, tl := range u.Tallies(hs) {
		if tl.USCC == shop.String() {
			t.Fatalf("unitstate counts %+v at the receiver", tl)
		}
	}

	p := New()
	if err := p.Apply([]runner.Envelope{envelope(1, reg), envelope(2, foreign)}); err != nil {
		t.Fatal(err)
	}
	if got := p.outstandingBy(spec.GTIN.String(), spec.Lot.String())[shop.String()]; got != 3 {
		t.Fatalf("the grade counts %d units at the receiver, want 3", got)
	}
}
