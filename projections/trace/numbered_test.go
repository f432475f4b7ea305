package trace

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
)

// The items of a batch registered later sort after those of every batch
// registered before it, whatever its GTIN and lot, so the store's newest
// rows are at the end of the range.
func TestItemsOfALaterBatchSortAfterThoseOfEarlierOnes(t *testing.T) {
	const owner = "91310000MA1K00001X"
	evs := []event.Event{
		batch.Registered{GTIN: "09999999999999", Lot: "Z9", Quantity: 2, OwnerUSCC: owner},
		batch.Labelled{GTIN: "09999999999999", Lot: "Z9", OwnerUSCC: owner, Serials: []string{"z1", "z2"}},
		batch.Registered{GTIN: "00000000000017", Lot: "A1", Quantity: 2, OwnerUSCC: owner},
		batch.Labelled{GTIN: "00000000000017", Lot: "A1", OwnerUSCC: owner, Serials: []string{"a1", "a2"}},
	}
	p := New()
	defer p.Close()
	applyEach(t, p, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), evs)
	var serials []string
	prefix := modelstore.Key(pItem, "")
	if err := p.m.Scan(prefix, nil, false, func(k, _ []byte) bool {
		serials = append(serials, string(k[len(prefix)+4:]))
		return true
	}); err != nil {
		t.Fatal(err)
	}
	if got := len(serials); got != 4 || serials[0] != "z1" || serials[1] != "z2" || serials[2] != "a1" || serials[3] != "a2" {
		t.Fatalf("items in key order %v, want z1 z2 a1 a2", serials)
	}
}

// applyEach folds evs into p one Apply each, at positions 1 and on, a
// minute apart from start.
func applyEach(t *testing.T, p *Projection, start time.Time, evs []event.Event) {
	t.Helper()
	for i, ev := range evs {
		var env runner.Envelope
		env.Event, env.Position, env.Type = ev, uint64(i+1), ev.EventType()
		env.Metadata.OccurredAt = start.Add(time.Duration(i) * time.Minute)
		if err := p.Apply([]runner.Envelope{env}); err != nil {
			t.Fatal(err)
		}
	}
}
