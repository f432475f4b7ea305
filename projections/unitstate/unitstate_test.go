package unitstate_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/unitstate"
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// The read side's tallies equal the domain's after every event of random
// histories driven through the batch aggregate itself: labelled and
// unlabelled units, partial shipments, receipts, sales, returns from stock
// and from sales.
func TestTalliesMatchTheDomainFold(t *testing.T) {
	usccs := make([]ident.USCC, 5)
	for i := range usccs {
		usccs[i] = must(ident.NewUSCC(fmt.Sprintf("91310000MA1K%05d", i)))
	}
	for seed := range uint64(40) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(seed, 7))
			b := must(batch.Load(nil))
			spec := batch.Spec{GTIN: must(ident.ParseGTIN("6901234567892")), Lot: must(ident.ParseLot("L1")),
				Quantity: must(ident.NewQuantity(60)), ProducedOn: time.Now(), ExpiresOn: time.Now(), Owner: usccs[0], Origin: must(ident.ParseCountry("CN"))}
			if err := b.Register(spec); err != nil {
				t.Fatal(err)
			}
			hs := unitstate.NewHolders()
			u := unitstate.NewBatch()
			fed := 0
			var shipments []string
			serials := 0
			for step := range 300 {
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
					id := shipments[rnd.IntN(len(shipments))]
					_ = b.Receive(id, to)
					_ = b.Receive(id, from)
				case op <= 7:
					_ = b.Sell(from, "retail", units, batch.SaleTerms{})
				case op == 8:
					_ = b.Recall("r1", 1, access.Actor{Role: access.RoleRegulator})
				default:
					disp := batch.DispositionReturned
					if rnd.IntN(2) == 0 {
						disp = batch.DispositionDestroyed
					}
					_ = b.Return("r1", from, disp, units)
				}
				for _, ev := range b.Changes()[fed:] {
					u.Apply(ev, int64(step), hs)
					fed++
				}
				if got, want := u.Tallies(hs), b.Tallies(); !reflect.DeepEqual(got, want) {
					t.Fatalf("step %d (%d events): tallies\n got %+v\nwant %+v", step, fed, got, want)
				}
			}
			var total int64
			for _, tl := range u.Tallies(hs) {
				total += tl.InStock + tl.InTransit + tl.Sold + tl.Returned + tl.Destroyed
			}
			if total != 60 {
				t.Fatalf("units counted %d times, want each of 60 once", total)
			}
			roundTrip(t, u)
		})
	}
}

// roundTrip checks that a restored batch answers as the original.
func roundTrip(t *testing.T, u *unitstate.Batch) {
	t.Helper()
	a, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	var back unitstate.Batch
	if err := json.Unmarshal(a, &back); err != nil {
		t.Fatal(err)
	}
	back.Reindex()
	b, _ := json.Marshal(&back)
	if string(a) != string(b) {
		t.Fatalf("snapshot changed across a round trip\n%s\n%s", a, b)
	}
}
