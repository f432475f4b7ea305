package epcisview

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	domainevent "github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/runner/runnertest"
)

// manyBatches is an importer's batches, each shipped to the shop and
// received, their events interleaved in the log as concurrent trade is.
func manyBatches(n int) []runner.Envelope {
	start := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	var evs []runner.Envelope
	for step := range 3 {
		for b := range n {
			lot := fmt.Sprintf("M%03d", b)
			var e domainevent.Event
			switch step {
			case 0:
				e = batch.Registered{GTIN: gtin, Lot: lot, Quantity: 10, OwnerUSCC: imp}
			case 1:
				e = batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "SH" + lot, FromUSCC: imp, ToUSCC: shop, Units: batch.Units{Quantity: 4}}
			default:
				e = batch.Received{GTIN: gtin, Lot: lot, ShipmentID: "SH" + lot, ToUSCC: shop, Units: batch.Units{Quantity: 4}}
			}
			evs = append(evs, runnertest.Envelopes(start, e)...)
		}
	}
	for i := range evs {
		evs[i].Position, evs[i].ID = uint64(i+1), uuid.New()
		evs[i].Metadata.OccurredAt = start.Add(time.Duration(len(evs)-i) * time.Minute)
		evs[i].Metadata.RecordedAt = start.Add(time.Duration(i) * time.Second)
	}
	return evs
}

// An enterprise's query reads a stream per batch it touched; with more
// batches than a page's entries, each stream first reads a single entry
// and the streams are merged in a heap. Every page, either way and in
// either order, is what testing every event gives.
func TestAnEnterpriseOfManyBatchesPagesThroughWhatTestingEveryEventGives(t *testing.T) {
	p := newModel(t)
	envs := manyBatches(60)
	for len(envs) > 0 {
		n := min(5, len(envs))
		runnertest.Fold(t, p, envs[:n])
		envs = envs[n:]
	}
	if got := len(p.concerning(shop, &failure{})); got < 60 {
		t.Fatalf("the shop's query reads %d streams, want one per batch and more", got)
	}
	all := func(*query.EPCISEvent) bool { return true }
	for _, order := range []string{"", "eventTime"} {
		for _, desc := range []bool{false, true} {
			f := query.EPCISFilter{Concerning: shop, OrderBy: order, Desc: desc}
			label := fmt.Sprintf("order %q desc %v", order, desc)
			total := 0
			for page := 0; ; page++ {
				evs := events(t, p, f, all, 7)
				if want := reference(t, p, f, all, 7); !reflect.DeepEqual(evs, want) {
					t.Fatalf("%s, page %d: got %v, want %v", label, page, positions(evs), positions(want))
				}
				total += len(evs)
				if len(evs) < 7 {
					break
				}
				last := evs[len(evs)-1]
				f.After = &query.EPCISCursor{Time: last.EventTime, Position: last.Position}
			}
			if total != 180 {
				t.Fatalf("%s: %d events in all, want the 180 of the shop's batches", label, total)
			}
		}
	}
}
