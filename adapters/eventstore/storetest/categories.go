package storetest

import (
	"slices"
	"testing"

	"github.com/traceledger/traceledger/domain/event"
)

var categoryTests = []namedTest{
	{"ReadsOnlyTheCategoriesAsked", testReadsOnlyTheCategoriesAsked},
	{"PagesToTheHeadWithoutAGap", testCategoryPagesToTheHead},
	{"NoCategoriesIsNoRecords", testNoCategoriesIsNoRecords},
}

// categoryReader is s as an event.CategoryReader, or skips: reading by
// category is a capability a store may lack (callers fall back to ReadAll).
func categoryReader(t *testing.T, s event.Store) event.CategoryReader {
	t.Helper()
	cr, ok := s.(event.CategoryReader)
	if !ok {
		t.Skip("this store does not read by category (event.CategoryReader); callers read it all")
	}
	return cr
}

// typed is pending(n) of the given type.
func typed(n int, typ string) event.Pending {
	p := pending(n)
	p.Type = typ
	return p
}

// mixedLog appends ten events of four types, two of them of category
// "recall" ("recall.started.v1" and "recall.closed.v1"), one "recalled"
// (a category that only starts like it) and one "batch", and returns the
// positions of the recall category's.
func mixedLog(t *testing.T, s event.Store) []uint64 {
	types := []string{"batch.labelled.v1", "recall.started.v1", "recalled.x.v1", "batch.labelled.v1", "recall.closed.v1",
		"batch.shipped.v1", "recall.started.v1", "recalled.x.v1", "batch.sold.v1", "recall.started.v1"}
	var want []uint64
	for i, typ := range types {
		recs := mustAppend(t, s, write("s", event.Exact(uint64(i)), typed(i+1, typ)))
		if event.Category(typ) == "recall" {
			want = append(want, recs[0].Position)
		}
	}
	return want
}

// readCategories reads from after until the head, limit records a call,
// and returns the positions read.
func readCategories(t *testing.T, cr event.CategoryReader, after uint64, cats []string, limit int) []uint64 {
	t.Helper()
	var got []uint64
	for _, r := range readCategoryRecords(t, cr, after, cats, limit) {
		got = append(got, r.Position)
	}
	return got
}

// readCategoryRecords reads from after until the head, limit records a
// call, checking each call's answer against the contract.
func readCategoryRecords(t *testing.T, cr event.CategoryReader, after uint64, cats []string, limit int) []event.Record {
	t.Helper()
	var got []event.Record
	for range 1000 {
		recs, through, err := cr.ReadCategories(t.Context(), after, cats, limit)
		if err != nil {
			t.Fatalf("ReadCategories(%d, %v, %d): %v", after, cats, limit, err)
		}
		if len(recs) > limit {
			t.Fatalf("ReadCategories(%d, %v, %d): %d records", after, cats, limit, len(recs))
		}
		for _, r := range recs {
			if !slices.Contains(cats, event.Category(r.Type)) {
				t.Fatalf("ReadCategories(%d, %v): position %d is a %s", after, cats, r.Position, r.Type)
			}
			if r.Position <= after || r.Position > through {
				t.Fatalf("ReadCategories(%d, %v): position %d outside (%d, %d]", after, cats, r.Position, after, through)
			}
			got = append(got, r)
		}
		if through == after {
			if len(recs) > 0 {
				t.Fatalf("ReadCategories(%d, %v): %d records, and through did not move", after, cats, len(recs))
			}
			return got
		}
		if through < after {
			t.Fatalf("ReadCategories(%d, %v): through %d went back", after, cats, through)
		}
		after = through
	}
	t.Fatalf("ReadCategories did not reach the head in 1000 calls")
	return nil
}

func testReadsOnlyTheCategoriesAsked(t *testing.T, s event.Store) {
	cr := categoryReader(t, s)
	want := mixedLog(t, s)
	recs := readCategoryRecords(t, cr, 0, []string{"recall"}, 100)
	var got []uint64
	for _, r := range recs {
		got = append(got, r.Position)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("ReadCategories(0, [recall]) read positions %v, want %v", got, want)
	}
	all := readAll(t, s, 0)
	for _, r := range recs {
		if r2 := all[r.Position-1]; r2.ID != r.ID || r2.Type != r.Type || string(r2.Data) != string(r.Data) || r2.Hash != r.Hash {
			t.Fatalf("position %d read by category differs from ReadAll's", r.Position)
		}
	}
	both := readCategories(t, cr, 0, []string{"batch", "recalled"}, 100)
	if len(both) != 10-len(want) {
		t.Fatalf("ReadCategories(0, [batch recalled]) read %v: want the other %d", both, 10-len(want))
	}
}

func testCategoryPagesToTheHead(t *testing.T, s event.Store) {
	cr := categoryReader(t, s)
	want := mixedLog(t, s)
	for _, limit := range []int{1, 2, 3} {
		if got := readCategories(t, cr, 0, []string{"recall"}, limit); !slices.Equal(got, want) {
			t.Fatalf("ReadCategories to the head, %d a call: %v, want %v", limit, got, want)
		}
	}
	if got := readCategories(t, cr, want[1], []string{"recall"}, 2); !slices.Equal(got, want[2:]) {
		t.Fatalf("ReadCategories after %d: %v, want %v", want[1], got, want[2:])
	}
	head := mustHead(t, s)
	recs, through, err := cr.ReadCategories(t.Context(), head, []string{"recall"}, 5)
	if err != nil || len(recs) != 0 || through != head {
		t.Fatalf("ReadCategories at the head = %d records, through %d, %v; want none, through %d", len(recs), through, err, head)
	}
	if _, _, err := cr.ReadCategories(t.Context(), 0, []string{"recall"}, 0); err == nil {
		t.Fatal("ReadCategories with limit 0 answered no error")
	}
}

func testNoCategoriesIsNoRecords(t *testing.T, s event.Store) {
	cr := categoryReader(t, s)
	mixedLog(t, s)
	if got := readCategories(t, cr, 0, nil, 5); len(got) != 0 {
		t.Fatalf("ReadCategories with no categories read %v", got)
	}
	if got := readCategories(t, cr, 0, []string{"nothing"}, 5); len(got) != 0 {
		t.Fatalf("ReadCategories of a category with no event read %v", got)
	}
}
