package history

import (
	"reflect"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/enterprise"
)

// walk reads every page of an enterprise's history under spec, checking
// that each page but the last is full and says where to go on.
func walk(t *testing.T, p *Projection, uscc string, spec query.PageSpec) []uint64 {
	t.Helper()
	var out []uint64
	for range 1000 {
		pg, ok := read(t, p).EnterprisePage(uscc, spec)
		if !ok {
			t.Fatalf("no history of %s", uscc)
		}
		out = append(out, pg.Positions...)
		if pg.Next == 0 {
			return out
		}
		if len(pg.Positions) != spec.Limit || pg.Next != pg.Positions[len(pg.Positions)-1] {
			t.Fatalf("page %v says next %d", pg.Positions, pg.Next)
		}
		spec.After = pg.Next
	}
	t.Fatal("the pages never end")
	return nil
}

func TestAHistoryPagesNewestFirstAndWithinATimeRange(t *testing.T) {
	const firm = "91310000MA1FL0000X"
	b := newLog()
	for range 50 {
		b.add("", firm, enterprise.PenaltyImposed{USCC: firm})
	}
	p := b.fold(t, 7)
	all := make([]uint64, 50)
	for i := range all {
		all[i] = uint64(i + 1)
	}
	if got := walk(t, p, firm, query.PageSpec{Limit: 7}); !reflect.DeepEqual(got, all) {
		t.Fatalf("oldest first: %v", got)
	}
	newest := make([]uint64, 50)
	for i := range newest {
		newest[i] = uint64(50 - i)
	}
	if got := walk(t, p, firm, query.PageSpec{Limit: 7, Desc: true}); !reflect.DeepEqual(got, newest) {
		t.Fatalf("newest first: %v", got)
	}
	// Event n occurred n hours after 2025-03-01 08:00 UTC: [from, to)
	// keeps events 10 to 19, whichever the order and page size.
	start := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	from, to := start.Add(10*time.Hour), start.Add(20*time.Hour)
	want := []uint64{10, 11, 12, 13, 14, 15, 16, 17, 18, 19}
	for _, limit := range []int{1, 3, 10, 100} {
		if got := walk(t, p, firm, query.PageSpec{Limit: limit, From: from, To: to}); !reflect.DeepEqual(got, want) {
			t.Fatalf("limit %d in range: %v, want %v", limit, got, want)
		}
		got := walk(t, p, firm, query.PageSpec{Limit: limit, From: from, To: to, Desc: true})
		for i, j := 0, len(got)-1; i < j; i, j = i+1, j-1 {
			got[i], got[j] = got[j], got[i]
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("limit %d in range, newest first (reversed): %v, want %v", limit, got, want)
		}
	}
	// A full page that ends the range says it is the last one.
	if pg, _ := read(t, p).EnterprisePage(firm, query.PageSpec{Limit: 10, From: from, To: to}); pg.Next != 0 || len(pg.Positions) != 10 {
		t.Fatalf("the range in one page: %+v", pg)
	}
	// The times survive a snapshot.
	q := roundTrip(t, p)
	if got := walk(t, q, firm, query.PageSpec{Limit: 4, From: from, To: to}); !reflect.DeepEqual(got, want) {
		t.Fatalf("restored model in range: %v", got)
	}
}

// A long history spans many chunks: every page, in either order, from any
// cursor, within any time range, is the page cut from the whole list.
func TestPagesAcrossChunksAreThePagesOfTheWholeHistory(t *testing.T) {
	const firm, n = "91310000MA1FL0000X", 3*chunkLen + 17
	b := newLog()
	for range n {
		b.add("", firm, enterprise.PenaltyImposed{USCC: firm})
	}
	p := b.fold(t, 29)
	all := make([]stamped, n)
	for i := range all {
		all[i] = stamped{pos: uint64(i + 1), ms: b.envs[i].Metadata.OccurredAt.UnixMilli()}
	}
	start := b.envs[0].Metadata.OccurredAt
	ranges := [][2]time.Time{{}, {start.Add(100 * time.Hour), start.Add(300 * time.Hour)}, {start.Add(chunkLen * time.Hour), time.Time{}}}
	for _, after := range []uint64{0, 1, 2, chunkLen - 1, chunkLen, chunkLen + 1, 2 * chunkLen, n - 1, n, n + 5} {
		for _, limit := range []int{0, 1, 7, 100, chunkLen + 3} {
			for _, desc := range []bool{false, true} {
				for _, r := range ranges {
					spec := query.PageSpec{After: after, Limit: limit, Desc: desc, From: r[0], To: r[1]}
					got, ok := read(t, p).EnterprisePage(firm, spec)
					if want := page(all, spec); !ok || !reflect.DeepEqual(got, want) {
						t.Fatalf("%+v: got %v next %d, want %v next %d", spec, got.Positions, got.Next, want.Positions, want.Next)
					}
				}
			}
		}
	}
}
