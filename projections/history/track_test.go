package history

import (
	"slices"
	"testing"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/modelstore"
)

// TestTrackerTellsEveryPositionAndHolderTheModelKeeps folds the scenario
// into the model and into a tracker, rebuilds every history, holder set and
// item from what the tracker told, and finds them equal to what the model
// answers.
func TestTrackerTellsEveryPositionAndHolderTheModelKeeps(t *testing.T) {
	b := scenario()
	p := b.fold(t, 0)
	db, err := modelstore.Open("", modelstore.Options{CacheBytes: 8 << 20, MemTableBytes: 4 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tr, err := NewTracker(db.Model("history-tracker"))
	if err != nil {
		t.Fatal(err)
	}
	positions := map[Touch][]uint64{}
	wide := map[Touch][]uint64{}
	holders := map[Touch][]string{}
	var items []Touch
	for i := range b.envs {
		env := &b.envs[i]
		for _, x := range tr.Apply(env) {
			switch {
			case x.Labelled:
				x.Labelled = false
				items = append(items, x)
			case x.Holder != "":
				h := x.Holder
				x.Holder = ""
				if !slices.Contains(holders[x], h) {
					holders[x] = append(holders[x], h)
				}
			default:
				w := x.Wide
				x.Wide = false
				positions[x] = append(positions[x], env.Position)
				if w {
					wide[x] = append(wide[x], env.Position)
				}
			}
		}
	}
	if err := tr.Err(); err != nil {
		t.Fatal(err)
	}
	all := query.PageSpec{}
	kinds := map[Kind]int{}
	for x, told := range positions {
		kinds[x.Kind]++
		var got []uint64
		switch x.Kind {
		case KindEnterprise:
			pg, _ := read(t, p).EnterprisePage(x.USCC, all)
			got = pg.Positions
		case KindProduct:
			pg, _ := read(t, p).ProductPage(x.GTIN, all)
			got = pg.Positions
		case KindBatch:
			pg, _ := read(t, p).BatchPage(query.BatchKey{GTIN: x.GTIN, Lot: x.Lot}, all)
			got = pg.Positions
		case KindItem:
			got, _ = read(t, p).Item(query.ItemKey{GTIN: x.GTIN, Lot: x.Lot, Serial: x.Serial})
			// An item's history is its own events and its batch's wide ones.
			told = append(slices.Clone(told), wide[Touch{Kind: KindBatch, GTIN: x.GTIN, Lot: x.Lot}]...)
			slices.Sort(told)
			told = slices.Compact(told)
		}
		if !slices.Equal(got, told) {
			t.Errorf("%+v: told %v, the model answers %v", x, told, got)
		}
	}
	for x, told := range holders {
		slices.Sort(told)
		var got []string
		switch x.Kind {
		case KindBatch:
			got = read(t, p).BatchHolders(query.BatchKey{GTIN: x.GTIN, Lot: x.Lot})
		case KindItem:
			got = read(t, p).ItemHolders(query.ItemKey{GTIN: x.GTIN, Lot: x.Lot, Serial: x.Serial})
		case KindProduct:
			for _, h := range told {
				if !read(t, p).ProductHeldBy(x.GTIN, h) {
					t.Errorf("told %s holds product %s; the model says not", h, x.GTIN)
				}
			}
			continue
		}
		got = slices.Clone(got)
		slices.Sort(got)
		if !slices.Equal(got, told) {
			t.Errorf("%+v: holders told %v, the model's %v", x, told, got)
		}
	}
	for _, it := range items {
		if _, ok := read(t, p).Item(query.ItemKey{GTIN: it.GTIN, Lot: it.Lot, Serial: it.Serial}); !ok {
			t.Errorf("told item %+v labelled; the model has no such item", it)
		}
	}
	if len(items) != 3 || kinds[KindEnterprise] < 3 || kinds[KindBatch] < 1 || kinds[KindItem] != 3 || len(holders) < 3 {
		t.Fatalf("the scenario told %d items, %v histories, %d holder sets: too few to prove anything", len(items), kinds, len(holders))
	}
}
