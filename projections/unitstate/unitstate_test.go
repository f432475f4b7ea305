package unitstate_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/batch/batchtest"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// The read side's tallies equal the domain's after every event of random
// histories driven through the batch aggregate itself: labelled and
// unlabelled units, partial shipments, receipts, sales, returns from stock
// and from sales.
func TestTalliesMatchTheDomainFold(t *testing.T) {
	for seed := range uint64(40) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			hs := unitstate.NewHolders()
			u := unitstate.NewBatch()
			fed := 0
			err := batchtest.Random(seed, 60, 300, func(step int, b *batch.Batch, raised []event.Event) {
				for _, ev := range raised {
					u.Apply(ev, int64(step), hs)
					fed++
				}
				if got, want := u.Tallies(hs), b.Tallies(); !reflect.DeepEqual(got, want) {
					t.Fatalf("step %d (%d events): tallies\n got %+v\nwant %+v", step, fed, got, want)
				}
			})
			if err != nil {
				t.Fatal(err)
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
