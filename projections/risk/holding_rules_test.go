package risk

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/unitstate"
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func envelope(pos int, ev event.Event) runner.Envelope {
	return runner.Envelope{Record: event.Record{Position: uint64(pos), Type: ev.EventType()}, Event: ev}
}

// outstandingBy is the grade's units in stock or in transit per holder of
// the batch.
func (p *Projection) outstandingBy(gtin, lot string) map[string]int64 {
	out := map[string]int64{}
	if b := p.State().Batches[batchKey(gtin, lot)]; b != nil {
		for u, h := range b.Holders {
			if n := h.Outstanding(); n != 0 {
				out[u] = n
			}
		}
	}
	return out
}

// On every log the ledger writes itself, the grade's units outstanding per
// holder equal the batch aggregate's tallies (in stock plus in transit):
// random histories driven through the aggregate, as unitstate's tests do.
func TestGradeCountsOutstandingUnitsAsTheBatchAggregate(t *testing.T) {
	usccs := make([]ident.USCC, 4)
	for i := range usccs {
		usccs[i] = must(ident.NewUSCC(fmt.Sprintf("91310000MA1K%05d", i)))
	}
	for seed := range uint64(30) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(seed, 11))
			b := must(batch.Load(nil))
			spec := batch.Spec{GTIN: must(ident.ParseGTIN("6901234567892")), Lot: must(ident.ParseLot("L1")),
				Quantity: must(ident.NewQuantity(40)), ProducedOn: time.Now(), ExpiresOn: time.Now(), Owner: usccs[0], Origin: must(ident.ParseCountry("CN"))}
			if err := b.Register(spec); err != nil {
				t.Fatal(err)
			}
			p := New()
			fed, serials := 0, 0
			var shipments []string
			for step := range 200 {
				from, to := usccs[rnd.IntN(len(usccs))], usccs[rnd.IntN(len(usccs))]
				var units batch.Units
				if rnd.IntN(2) == 0 {
					units.Quantity = int64(rnd.IntN(5))
				}
				for range rnd.IntN(3) {
					units.Serials = append(units.Serials, fmt.Sprint(rnd.IntN(serials+1)))
				}
				switch op := rnd.IntN(10); {
				case op == 0:
					var ss []ident.Serial
					for range rnd.IntN(4) + 1 {
						ss = append(ss, must(ident.ParseSerial(fmt.Sprint(serials))))
						serials++
					}
					_ = b.Label(from, ss)
				case op <= 3:
					id := fmt.Sprint("s", step)
					if b.Ship(id, from, to, "WB"+id, units) == nil {
						shipments = append(shipments, id)
					}
				case op <= 5 && len(shipments) > 0:
					_ = b.Receive(shipments[rnd.IntN(len(shipments))], to)
				case op <= 7:
					_ = b.Sell(from, "retail", units, batch.SaleTerms{})
				default:
					disp := batch.DispositionReturned
					if rnd.IntN(2) == 0 {
						disp = batch.DispositionDestroyed
					}
					_ = b.Return("r1", from, disp, units)
				}
				var envs []runner.Envelope
				for _, ev := range b.Changes()[fed:] {
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
	owner, shop := must(ident.NewUSCC("91310000MA1K00001")), must(ident.NewUSCC("91310000MA1K00002"))
	spec := batch.Spec{GTIN: must(ident.ParseGTIN("6901234567892")), Lot: must(ident.ParseLot("L1")),
		Quantity: must(ident.NewQuantity(10)), ProducedOn: time.Now(), ExpiresOn: time.Now(), Owner: owner, Origin: must(ident.ParseCountry("CN"))}
	b := must(batch.Load(nil))
	if err := b.Register(spec); err != nil {
		t.Fatal(err)
	}
	if err := b.Receive("nowhere", shop); !errors.Is(err, domain.ErrNotFound) {
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
