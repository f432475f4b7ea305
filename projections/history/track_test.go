package history

import (
	"reflect"
	"slices"
	"testing"
)

// TestTrackerTellsEveryPositionAndHolderTheModelKeeps folds the scenario
// into the model and into a tracker, rebuilds every history, holder set and
// item from what the tracker told, and finds them equal to the model's.
func TestTrackerTellsEveryPositionAndHolderTheModelKeeps(t *testing.T) {
	b := scenario()
	p := b.fold(t, 0)
	tr := NewTracker()
	positions := map[string][]uint64{}
	holders := map[string][]string{}
	var items []string
	for i := range b.envs {
		env := &b.envs[i]
		for _, x := range tr.Apply(env) {
			k := keyOf(x)
			switch {
			case x.Labelled:
				items = append(items, k)
			case x.Holder != "":
				holders[k] = append(holders[k], x.Holder)
			default:
				positions[k] = append(positions[k], env.Position)
				if x.Kind == KindBatch && x.Wide {
					positions["wide "+k] = append(positions["wide "+k], env.Position)
				}
			}
		}
	}
	want := map[string][]uint64{}
	wantHolders := map[string][]string{}
	var wantItems []string
	usccs := func(hs []uint32) []string {
		out := []string{}
		for _, h := range hs {
			out = append(out, p.s.ents[h].USCC)
		}
		slices.Sort(out)
		return out
	}
	for _, e := range p.s.ents[1:] {
		if len(e.Positions) > 0 {
			want["enterprise "+e.USCC] = e.Positions
		}
	}
	for g, pr := range p.s.products {
		if len(pr.Positions) > 0 {
			want["product "+g] = pr.Positions
		}
		if len(pr.Holders) > 0 {
			wantHolders["product "+g] = usccs(pr.Holders)
		}
	}
	for _, br := range p.s.batches[1:] {
		k := "batch " + br.GTIN + "/" + br.Lot
		want[k] = br.Positions
		if len(br.Wide) > 0 {
			want["wide "+k] = br.Wide
		}
		if len(br.Holders) > 0 {
			wantHolders[k] = usccs(br.Holders)
		}
	}
	for _, it := range p.s.items[1:] {
		br := p.s.batches[it.Batch]
		k := "item " + br.GTIN + "/" + br.Lot + "/" + it.Serial
		wantItems = append(wantItems, k)
		want[k] = it.Positions
		wantHolders[k] = usccs(it.Holders)
	}
	for k := range holders {
		slices.Sort(holders[k])
	}
	if !reflect.DeepEqual(positions, want) {
		t.Errorf("histories told:\n%v\nthe model's:\n%v", positions, want)
	}
	if !reflect.DeepEqual(holders, wantHolders) {
		t.Errorf("holders told:\n%v\nthe model's:\n%v", holders, wantHolders)
	}
	if !reflect.DeepEqual(items, wantItems) {
		t.Errorf("items told %v, the model's %v", items, wantItems)
	}
	if len(want) < 10 || len(wantItems) != 3 {
		t.Fatalf("the scenario has %d histories and %d items: too few to prove anything", len(want), len(wantItems))
	}
}

func keyOf(x Touch) string {
	switch x.Kind {
	case KindEnterprise:
		return "enterprise " + x.USCC
	case KindProduct:
		return "product " + x.GTIN
	case KindBatch:
		return "batch " + x.GTIN + "/" + x.Lot
	default:
		return "item " + x.GTIN + "/" + x.Lot + "/" + x.Serial
	}
}
