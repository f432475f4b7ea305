package trace_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/batch/batchtest"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// reference folds the same events into the in-memory unit fold the model
// kept before it moved to disk (unitstate.Batch), to compare answers.
type reference struct {
	hs *unitstate.Holders
	u  *unitstate.Batch
}

func newReference() *reference {
	return &reference{hs: unitstate.NewHolders(), u: unitstate.NewBatch()}
}

// compare checks the model's tallies, holders' stock, involvement,
// containers and every item's state, holder and path against the
// reference's.
func (r *reference) compare(t *testing.T, p *trace.Projection, gtin, lot string, holders []string) {
	t.Helper()
	got, ok, err := p.Tallies(t.Context(), gtin, lot)
	if err != nil {
		t.Fatal(err)
	}
	if want := r.u.Tallies(r.hs); !ok || !reflect.DeepEqual(got, want) {
		t.Fatalf("tallies\n got %+v\nwant %+v", got, want)
	}
	wantContainers := map[string][]string{}
	for _, u := range holders {
		h, known := r.hs.Lookup(u)
		if involved, err := p.Involved(t.Context(), gtin, lot, u); err != nil || involved != (known && r.u.Involved(h)) {
			t.Fatalf("%s involved %v (%v)", u, involved, err)
		}
		var held []batch.Tally
		for _, tl := range r.u.Tallies(r.hs) {
			if tl.USCC == u && tl.InStock+tl.InTransit > 0 {
				held = append(held, tl)
			}
		}
		stock := heldBy(t, p, u)
		if len(stock) != len(held) || (len(held) == 1 && (stock[0].InStock != held[0].InStock || stock[0].InTransit != held[0].InTransit ||
			stock[0].Sold != held[0].Sold || stock[0].Returned != held[0].Returned)) {
			t.Fatalf("%s holds %+v, want %+v", u, stock, held)
		}
		if known {
			if cs := r.u.ContainersAt(h); cs != nil {
				wantContainers[u] = cs
			}
		}
	}
	if got, err := p.Containers(t.Context(), gtin, lot); err != nil || !reflect.DeepEqual(got, wantContainers) && (len(got) != 0 || len(wantContainers) != 0) {
		t.Fatalf("containers %v, want %v (%v)", got, wantContainers, err)
	}
	for i := range int32(r.u.Serials.Len()) {
		serial := r.u.Serials.At(i)
		ip, err := p.ItemPath(t.Context(), gtin, lot, serial, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, h, st, _ := r.u.Item(serial)
		var kinds []string
		for _, m := range r.u.Path(i) {
			kinds = append(kinds, m.Kind.String())
			if m.Kind == unitstate.KindShipped && m.Received {
				kinds = append(kinds, "received")
			}
		}
		var gotKinds []string
		for _, s := range ip.Steps {
			gotKinds = append(gotKinds, s.Kind)
		}
		if ip.State != trace.StateName(st) || ip.HolderUSCC != r.hs.USCC(h) || !slices.Equal(gotKinds, kinds) || ip.Container != r.u.Container[i] {
			t.Fatalf("item %s: %s at %s in %q via %v; want %s at %s in %q via %v", serial, ip.State, ip.HolderUSCC, ip.Container, gotKinds,
				trace.StateName(st), r.hs.USCC(h), r.u.Container[i], kinds)
		}
	}
}

func stamped(pos *uint64, evs []event.Event) []runner.Envelope {
	out := make([]runner.Envelope, len(evs))
	for i, ev := range evs {
		*pos++
		out[i].Event, out[i].Position, out[i].Type = ev, *pos, ev.EventType()
		out[i].Metadata.OccurredAt = t0.Add(time.Duration(*pos) * time.Minute)
	}
	return out
}

// The model on disk answers as the in-memory unit fold after every step
// of random histories driven through the batch aggregate: labelled and
// unlabelled units, partial shipments, receipts, sales, returns from stock
// and from sales, disposals.
func TestTheModelOnDiskAnswersAsTheUnitFoldInMemory(t *testing.T) {
	var holders []string
	for _, h := range batchtest.Holders {
		holders = append(holders, h.String())
	}
	for seed := range uint64(20) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			p, ref := trace.New(), newReference()
			defer p.Close()
			var pos uint64
			var gtin, lot string
			err := batchtest.Random(seed, 60, 1000, func(step int, b *batch.Batch, raised []event.Event) {
				envs := stamped(&pos, raised)
				for _, env := range envs {
					if reg, ok := env.Event.(batch.Registered); ok {
						gtin, lot = reg.GTIN, reg.Lot
					}
					ref.u.Apply(env.Event, unitstate.Stamp(env.Metadata.OccurredAt), ref.hs)
				}
				if err := p.Apply(envs); err != nil {
					t.Fatal(err)
				}
				if step%100 == 0 {
					ref.compare(t, p, gtin, lot, holders)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			ref.compare(t, p, gtin, lot, holders)
		})
	}
}

// Packing, shipping packed items, receiving them and unpacking move the
// containers with their holders, as the in-memory fold does.
func TestContainersFollowTheirItemsAsTheUnitFoldInMemory(t *testing.T) {
	p, ref := trace.New(), newReference()
	defer p.Close()
	const sscc, sscc2 = "006141411234567890", "006141411234567891"
	evs := []event.Event{
		batch.Registered{GTIN: gtin, Lot: lot, Quantity: 10, OwnerUSCC: imp},
		batch.Labelled{GTIN: gtin, Lot: lot, OwnerUSCC: imp, Serials: []string{"a1", "a2", "a3", "a4"}},
		batch.Packed{GTIN: gtin, Lot: lot, SSCC: sscc, HolderUSCC: imp, Serials: []string{"a1", "a2"}},
		batch.Packed{GTIN: gtin, Lot: lot, SSCC: sscc2, HolderUSCC: imp, Serials: []string{"a3"}},
		batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "s1", FromUSCC: imp, ToUSCC: dist, Units: items("a1", "a2", "a4")},
		batch.Received{GTIN: gtin, Lot: lot, ShipmentID: "s1", ToUSCC: dist},
		batch.Unpacked{GTIN: gtin, Lot: lot, SSCC: sscc, HolderUSCC: dist, Serials: []string{"a2"}},
		batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "s2", FromUSCC: dist, ToUSCC: ret1, Units: items("a1", "a1", "a2")},
	}
	var pos uint64
	for _, env := range stamped(&pos, evs) {
		ref.u.Apply(env.Event, unitstate.Stamp(env.Metadata.OccurredAt), ref.hs)
		if err := p.Apply([]runner.Envelope{env}); err != nil {
			t.Fatal(err)
		}
		ref.compare(t, p, gtin, lot, []string{imp, dist, ret1})
	}
	if got, err := p.Containers(t.Context(), gtin, lot); err != nil || !reflect.DeepEqual(got, map[string][]string{imp: {sscc2}, dist: {sscc}}) {
		t.Fatalf("containers %v (%v)", got, err)
	}
	ip, err := p.ItemPath(t.Context(), gtin, lot, "a1", nil)
	if err != nil || len(ip.Steps) != 4 || ip.Steps[1].Container != sscc || ip.Container != sscc {
		t.Fatalf("path of a packed item %+v (%v)", ip, err)
	}
}

// The model's state is its store's: closed and opened again it holds the
// same rows and answers alike, and folds on from there.
func TestTheModelSurvivesAReopen(t *testing.T) {
	dir := t.TempDir()
	db, err := modelstore.Open(dir, modelstore.Options{CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	p, err := trace.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(scenario()); err != nil {
		t.Fatal(err)
	}
	var before bytes.Buffer
	p.Snapshot(&before)
	down, _ := p.Downstream(t.Context(), gtin, lot, dir2)
	path, _ := p.ItemPath(t.Context(), gtin, "", "a7", dir2)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = modelstore.Open(dir, modelstore.Options{CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q, err := trace.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if pos, err := q.Position(); err != nil || pos != uint64(len(scenario())) {
		t.Fatalf("position after a reopen %d (%v)", pos, err)
	}
	var after bytes.Buffer
	q.Snapshot(&after)
	if before.Len() < 100 || !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Fatal("the rows changed across a reopen")
	}
	down2, _ := q.Downstream(t.Context(), gtin, lot, dir2)
	path2, _ := q.ItemPath(t.Context(), gtin, "", "a7", dir2)
	if !reflect.DeepEqual(down, down2) || !reflect.DeepEqual(path, path2) {
		t.Fatal("the reopened model answers differently")
	}
	// A holder and a batch first numbered after the reopen get the next
	// numbers: the new batch's item a7 is not the first batch's.
	pos := uint64(len(scenario()))
	more := stamped(&pos, []event.Event{batch.Registered{GTIN: gtin, Lot: "L2", Quantity: 5, OwnerUSCC: "91310000MA1K00077X"},
		batch.Labelled{GTIN: gtin, Lot: "L2", OwnerUSCC: "91310000MA1K00077X", Serials: []string{"a7"}}})
	if err := q.Apply(more); err != nil {
		t.Fatal(err)
	}
	if again, err := q.ItemPath(t.Context(), gtin, lot, "a7", dir2); err != nil || !reflect.DeepEqual(again, path2) {
		t.Fatalf("the first batch's item after a later batch labelled its serial: %+v (%v)", again, err)
	}
	if p2, err := q.ItemPath(t.Context(), gtin, "L2", "a7", dir2); err != nil || p2.HolderUSCC != "91310000MA1K00077X" || len(p2.Steps) != 1 {
		t.Fatalf("the later batch's item %+v (%v)", p2, err)
	}
	if got, err := q.Batches("91310000MA1K00077X"); err != nil || len(got) != 1 || got[0].Lot != "L2" {
		t.Fatalf("batches of a holder numbered after the reopen %+v", got)
	}
	if got, err := q.Batches(imp); err != nil || len(got) != 1 || got[0].Lot != lot {
		t.Fatalf("batches of the importer %+v", got)
	}
}

var dir2 = names{imp: "Importer"}

// A rebuild on a store that held the model writes the same rows as the
// live fold.
func TestARebuildWritesTheRowsOfTheLiveFold(t *testing.T) {
	p := fed(t, scenario())
	defer p.Close()
	var live bytes.Buffer
	p.Snapshot(&live)
	p.Reset()
	if registered(t, p, gtin, lot) {
		t.Fatal("Reset kept the batch")
	}
	envs := scenario()
	for i := range envs {
		if err := p.Apply(envs[i : i+1]); err != nil {
			t.Fatal(err)
		}
	}
	var rebuilt bytes.Buffer
	p.Snapshot(&rebuilt)
	if !bytes.Equal(live.Bytes(), rebuilt.Bytes()) {
		t.Fatalf("rebuilt rows differ\n%s\n%s", live.Bytes(), rebuilt.Bytes())
	}
}

// The two folds agree on any sequence of unit events, not only the ones
// the aggregate allows: random labels and relabels, shipments between any
// holders with known, unknown and repeated serials, receipts of known and
// unknown shipments (twice too), sales, returns, disposals, consumption,
// packing and unpacking, applied in batches of random sizes.
func TestTheModelOnDiskFoldsAnyUnitEventsAsTheUnitFoldInMemory(t *testing.T) {
	holders := []string{imp, dist, ret1, ret2}
	for seed := range uint64(12) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(seed, 11))
			p, ref := trace.New(), newReference()
			defer p.Close()
			var pos uint64
			pick := func() string { return holders[rnd.IntN(len(holders))] }
			// Few serials: events name many of a batch's items, which the
			// fold then reads in one scan; many: it reads them one by one.
			span := []int{30, 400}[seed%2]
			serials := func() []string {
				var out []string
				for range rnd.IntN(4) {
					out = append(out, fmt.Sprint("s", rnd.IntN(span)))
				}
				return out
			}
			units := func() batch.Units { return batch.Units{Quantity: int64(rnd.IntN(4)), Serials: serials()} }
			evs := []event.Event{batch.Registered{GTIN: gtin, Lot: lot, Quantity: 500, OwnerUSCC: imp}}
			for n := range 600 {
				switch rnd.IntN(10) {
				case 0:
					evs = append(evs, batch.Labelled{GTIN: gtin, Lot: lot, OwnerUSCC: pick(), Serials: serials()})
				case 1, 2:
					evs = append(evs, batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: fmt.Sprint("sh", n), FromUSCC: pick(), ToUSCC: pick(), Waybill: fmt.Sprint("w", n%3), Units: units()})
				case 3, 4:
					evs = append(evs, batch.Received{GTIN: gtin, Lot: lot, ShipmentID: fmt.Sprint("sh", rnd.IntN(n+1)), ToUSCC: pick()})
				case 5:
					evs = append(evs, batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: pick(), Channel: "retail", Units: units()})
				case 6:
					disp := []string{batch.DispositionReturned, batch.DispositionDestroyed}[rnd.IntN(2)]
					evs = append(evs, batch.Returned{GTIN: gtin, Lot: lot, RecallID: "r1", HolderUSCC: pick(), Disposition: disp, Units: units()})
				case 7:
					evs = append(evs, batch.Consumed{GTIN: gtin, Lot: lot, HolderUSCC: pick(), TransformationID: "t1", Units: units()})
				case 8:
					evs = append(evs, batch.Packed{GTIN: gtin, Lot: lot, SSCC: fmt.Sprint("00614141123456789", rnd.IntN(3)), HolderUSCC: pick(), Serials: serials()})
				default:
					evs = append(evs, batch.Unpacked{GTIN: gtin, Lot: lot, HolderUSCC: pick(), Serials: serials()})
				}
			}
			envs := stamped(&pos, evs)
			for len(envs) > 0 {
				k := min(len(envs), 1+rnd.IntN(40))
				for _, env := range envs[:k] {
					ref.u.Apply(env.Event, unitstate.Stamp(env.Metadata.OccurredAt), ref.hs)
				}
				if err := p.Apply(envs[:k]); err != nil {
					t.Fatal(err)
				}
				envs = envs[k:]
				ref.compare(t, p, gtin, lot, holders)
			}
		})
	}
}

// An item code without a lot reads the first lot, in lot order, that
// labelled the serial, whatever order the lots were labelled in.
func TestAnItemCodeWithoutALotReadsTheFirstLotThatLabelledTheSerial(t *testing.T) {
	p := trace.New()
	defer p.Close()
	var pos uint64
	err := p.Apply(stamped(&pos, []event.Event{
		batch.Registered{GTIN: gtin, Lot: "L9", Quantity: 5, OwnerUSCC: imp},
		batch.Registered{GTIN: gtin, Lot: "L10", Quantity: 5, OwnerUSCC: dist},
		batch.Registered{GTIN: gtin, Lot: "L2", Quantity: 5, OwnerUSCC: ret1},
		batch.Labelled{GTIN: gtin, Lot: "L9", OwnerUSCC: imp, Serials: []string{"x", "y"}},
		batch.Labelled{GTIN: gtin, Lot: "L10", OwnerUSCC: dist, Serials: []string{"x"}},
		batch.Labelled{GTIN: gtin, Lot: "L2", OwnerUSCC: ret1, Serials: []string{"xy"}},
	}))
	if err != nil {
		t.Fatal(err)
	}
	for serial, want := range map[string]string{"x": "L10", "y": "L9", "xy": "L2"} {
		ip, err := p.ItemPath(t.Context(), gtin, "", serial, nil)
		if err != nil || ip.Lot != want {
			t.Fatalf("serial %s found in lot %q (%v), want %s", serial, ip.Lot, err, want)
		}
	}
	if _, err := p.ItemPath(t.Context(), gtin, "", "z", nil); err == nil {
		t.Fatal("a serial never labelled was found")
	}
}
