package search_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/projections/search"
)

// built folds the fixture into an index kept in memory.
func built(t *testing.T) (world, *search.Projection) {
	t.Helper()
	w, envs := fixture(t)
	p, err := search.New("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	if err := p.Apply(envs); err != nil {
		t.Fatal(err)
	}
	return w, p
}

func find(t *testing.T, p *search.Projection, q search.Query) search.Results {
	t.Helper()
	res, err := p.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

func ids(hs []search.Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Kind+":"+h.ID)
	}
	return out
}

func TestOatsFindsTheOatProductsFirst(t *testing.T) {
	w, p := built(t)
	res := find(t, p, search.Query{Text: "燕麦"})
	got := ids(res.Hits)
	if len(got) < 2 {
		t.Fatalf("燕麦: %v, want the two oat products first", got)
	}
	want := []string{"product:" + w.oats, "product:" + w.oatMilk}
	if first := slices.Sorted(slices.Values(got[:2])); !slices.Equal(first, slices.Sorted(slices.Values(want))) {
		t.Errorf("燕麦 first two hits: %v, want %v (all: %v)", got[:2], want, got)
	}
	for _, not := range []string{"product:" + w.rye, "product:" + w.cereal, "product:" + w.milk} {
		if slices.Contains(got, not) {
			t.Errorf("燕麦 found %s, which has 麦 but not 燕麦: %v", not, got)
		}
	}
}

func TestTwoCharacterNameFindsTheEnterpriseInsideALongerName(t *testing.T) {
	w, p := built(t)
	got := ids(find(t, p, search.Query{Text: "福瑞"}).Hits)
	if len(got) == 0 || got[0] != "enterprise:"+w.harbin {
		t.Fatalf("福瑞: %v, want 哈尔滨福瑞食品贸易有限公司 (%s) first", got, w.harbin)
	}
	for _, not := range []string{"enterprise:" + w.shanghai, "enterprise:" + w.guangzhou, "enterprise:" + w.beijing} {
		if slices.Contains(got, not) {
			t.Errorf("福瑞 found %s, whose name has only one of its characters", not)
		}
	}
	got = ids(find(t, p, search.Query{Text: "哈尔滨 福瑞", Kinds: []string{search.KindEnterprise}}).Hits)
	if !slices.Equal(got, []string{"enterprise:" + w.harbin}) {
		t.Errorf("哈尔滨 福瑞 among enterprises: %v, want only %s", got, w.harbin)
	}
}

func TestLatinTextMatchesWhateverTheCase(t *testing.T) {
	w, p := built(t)
	for _, text := range []string{"morningoat", "MORNINGOAT", "MorningOat"} {
		got := ids(find(t, p, search.Query{Text: text}).Hits)
		if len(got) == 0 || got[0] != "product:"+w.oats {
			t.Errorf("%s: %v, want the MorningOat product first", text, got)
		}
	}
}

func TestExactUSCCFindsThatEnterpriseFirst(t *testing.T) {
	w, p := built(t)
	for _, u := range []string{w.shanghai, strings.ToLower(w.shanghai), " " + w.qingdao + " "} {
		res := find(t, p, search.Query{Text: u})
		if len(res.Hits) == 0 || res.Hits[0].Kind != search.KindEnterprise || res.Hits[0].ID != strings.ToUpper(strings.TrimSpace(u)) {
			t.Errorf("%q: %v, want that enterprise first", u, ids(res.Hits))
		}
		if len(res.Hits) < 2 {
			t.Errorf("%q: %v, want the records naming it after the enterprise", u, ids(res.Hits))
		}
	}
}

func TestPartOfAGTINFindsTheProduct(t *testing.T) {
	w, p := built(t)
	for _, part := range []string{w.milk[len(w.milk)-6:], w.milk[1:10], w.milk[:8], w.milk[1:]} {
		got := ids(find(t, p, search.Query{Text: part}).Hits)
		if len(got) == 0 || got[0] != "product:"+w.milk {
			t.Errorf("%s (part of %s): %v, want the product first", part, w.milk, got)
		}
	}
}

func TestDeclarationNumberFindsTheDeclarationFirst(t *testing.T) {
	w, p := built(t)
	got := ids(find(t, p, search.Query{Text: w.declShanghai}).Hits)
	if len(got) == 0 || got[0] != "declaration:"+w.declShanghai {
		t.Fatalf("%s: %v, want the declaration first", w.declShanghai, got)
	}
	if !slices.Contains(got, "batch:"+w.oats+"/OAT2501") {
		t.Errorf("%s: %v, want the batches it cleared among the hits", w.declShanghai, got)
	}
}

func TestEnterpriseSeesOnlyRecordsItMaySee(t *testing.T) {
	w, p := built(t)
	got := ids(find(t, p, search.Query{Visible: w.guangzhou, Limit: 100}).Hits)
	want := []string{
		"enterprise:" + w.guangzhou, "enterprise:" + w.harbin, // itself and the supplier it traded with
		"product:" + w.oats, "batch:" + w.oats + "/OAT2501", // goods it held
		"complaint:" + w.complaintID, // filed against it
	}
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		t.Errorf("records the Guangzhou retailer sees: %v, want %v", got, want)
	}
	got = ids(find(t, p, search.Query{Text: "燕麦", Visible: w.guangzhou}).Hits)
	if len(got) == 0 || got[0] != "product:"+w.oats {
		t.Errorf("燕麦 for the Guangzhou retailer: %v, want the oats it held first", got)
	}
	for _, not := range []string{"product:" + w.oatMilk, "batch:" + w.oatMilk + "/AV01", "declaration:" + w.declShanghai} {
		if slices.Contains(got, not) {
			t.Errorf("燕麦 for the Guangzhou retailer: %v, holds %s, which it never handled", got, not)
		}
	}
	got = ids(find(t, p, search.Query{Text: "菌落总数超标", Visible: w.beijing}).Hits)
	if !slices.Contains(got, "recall:"+w.recallID) {
		t.Errorf("the recall for a holder of the recalled batch: %v, want it", got)
	}
	if got := ids(find(t, p, search.Query{Text: "菌落总数超标", Visible: w.guangzhou}).Hits); len(got) != 0 {
		t.Errorf("the recall for an enterprise that never held the batch: %v, want nothing", got)
	}
}

func TestCursorWalksEveryHitOnceInScoreThenIDOrder(t *testing.T) {
	_, p := built(t)
	for _, text := range []string{"", "有限公司", "2026"} {
		all := find(t, p, search.Query{Text: text, Limit: search.MaxLimit})
		var walked []string
		q := search.Query{Text: text, Limit: 3}
		for pages := 0; ; pages++ {
			res := find(t, p, q)
			walked = append(walked, ids(res.Hits)...)
			if res.Next == "" {
				break
			}
			if pages > 100 {
				t.Fatalf("%q: the cursor does not end", text)
			}
			q.After = res.Next
		}
		if want := ids(all.Hits); !slices.Equal(walked, want) || uint64(len(walked)) != all.Total {
			t.Errorf("%q: pages walked %v (%d), want %v (total %d)", text, walked, len(walked), want, all.Total)
		}
	}
}

func TestKindAndDateRangeNarrowTheHits(t *testing.T) {
	w, p := built(t)
	got := ids(find(t, p, search.Query{Kinds: []string{search.KindBatch}, From: "2026-02-01", To: "2026-03-31"}).Hits)
	want := []string{"batch:" + w.oatMilk + "/AV01", "batch:" + w.milk + "/M2503"}
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		t.Errorf("batches produced in February and March: %v, want %v", got, want)
	}
}

func TestFragmentsMarkTheMatchesInPlainText(t *testing.T) {
	w, p := built(t)
	res := find(t, p, search.Query{Text: "燕麦", Kinds: []string{search.KindProduct}})
	for _, h := range res.Hits {
		if h.ID != w.oats {
			continue
		}
		var marked []string
		for _, f := range h.Fragments {
			for _, part := range f.Parts {
				if strings.ContainsAny(part.Text, "<>") {
					t.Errorf("fragment holds markup: %q", part.Text)
				}
				if part.Match {
					marked = append(marked, f.Field+":"+part.Text)
				}
			}
		}
		if !slices.Contains(marked, "title:燕麦") {
			t.Errorf("marked parts of 即食燕麦片: %v, want title:燕麦", marked)
		}
		return
	}
	t.Fatalf("燕麦 among products: %v, want %s", ids(res.Hits), w.oats)
}

func TestSuggestCompletesNamesAndCodes(t *testing.T) {
	w, p := built(t)
	cases := []struct{ typed, want string }{
		{"哈尔", "enterprise:" + w.harbin},
		{"燕", "product:" + w.oats},
		{"morning", "product:" + w.oats},
		{w.declQingdao[:8], "declaration:" + w.declQingdao},
	}
	for _, c := range cases {
		s, err := p.Suggest(t.Context(), c.typed, "", 5)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range s {
			got = append(got, x.Kind+":"+x.ID)
		}
		if !slices.Contains(got, c.want) {
			t.Errorf("Suggest(%q): %v, want %s among them", c.typed, got, c.want)
		}
	}
	s, err := p.Suggest(t.Context(), "燕", w.guangzhou, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range s {
		if x.ID == w.oatMilk {
			t.Errorf("Suggest for the Guangzhou retailer offers %s, which it never held", x.ID)
		}
	}
}

func TestQueriesAreBounded(t *testing.T) {
	_, p := built(t)
	if _, err := p.Search(t.Context(), search.Query{Text: strings.Repeat("燕", search.MaxTextRunes+1)}); !errors.Is(err, search.ErrBadQuery) {
		t.Errorf("a text of %d characters: %v, want ErrBadQuery", search.MaxTextRunes+1, err)
	}
	if _, err := p.Search(t.Context(), search.Query{Text: "x", After: "not-a-cursor"}); !errors.Is(err, search.ErrBadQuery) {
		t.Errorf("a forged cursor: %v, want ErrBadQuery", err)
	}
	if _, err := p.Search(t.Context(), search.Query{Kinds: []string{"shipment"}}); !errors.Is(err, search.ErrBadQuery) {
		t.Errorf("an unknown kind: %v, want ErrBadQuery", err)
	}
	if res := find(t, p, search.Query{}); uint64(len(res.Hits)) != min(search.DefaultLimit, res.Total) {
		t.Errorf("no limit: %d hits of %d, want %d at most", len(res.Hits), res.Total, search.DefaultLimit)
	}
	if res := find(t, p, search.Query{Limit: 2}); len(res.Hits) != 2 || res.Next == "" {
		t.Errorf("limit 2: %d hits, next %q, want 2 and a cursor", len(res.Hits), res.Next)
	}
}

func TestRefusedQueriesNameTheirField(t *testing.T) {
	_, p := built(t)
	for field, q := range map[string]search.Query{
		"q":     {Text: strings.Repeat("燕", search.MaxTextRunes+1)},
		"after": {Text: "x", After: "not-a-cursor"},
		"kind":  {Kinds: []string{"shipment"}},
		"from":  {From: "2026-13"},
		"limit": {Limit: -1},
	} {
		_, err := p.Search(t.Context(), q)
		var fe *domain.FieldError
		if !errors.As(err, &fe) || fe.Field != field || !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("%+v: %v, want an invalid %s", q, err, field)
		}
	}
}
