package query_test

import (
	"slices"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// changeModel answers the changes as given, in log order.
type changeModel []query.BlacklistChange

func (m changeModel) Blacklist(time.Time) []query.BlacklistChange {
	return append([]query.BlacklistChange(nil), m...)
}

func (changeModel) Targets(time.Time) []query.InspectionTarget { return nil }

func TestTheBlacklistHistoryReadsInDateOrderWhateverTheLogOrder(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	// In log order: A listed on the 9th; B listed at a recall deadline of
	// the 4th noted later; A cleared on the 4th (an earlier occurred_at
	// recorded after); C listed on the 4th too, recorded last.
	model := changeModel{
		{Seq: 1, USCC: "A", Listed: true, At: day(9)},
		{Seq: 2, USCC: "B", Listed: true, At: day(4)},
		{Seq: 3, USCC: "A", Listed: false, At: day(4)},
		{Seq: 4, USCC: "C", Listed: true, At: day(4)},
	}
	q := query.NewBlacklists(model, nil, settled(0))
	listed, history, err := q.Blacklist(t.Context(), query.Read{}, day(20))
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, c := range history {
		got = append(got, c.Seq)
	}
	if want := []int{2, 3, 4, 1}; !slices.Equal(got, want) {
		t.Fatalf("history in order %v, want %v (by date, then recording order)", got, want)
	}
	// Who is listed now follows the log: A's clearing came after its listing.
	if len(listed) != 2 || listed[0].USCC != "B" || listed[1].USCC != "C" {
		t.Fatalf("listed %+v, want B then C", listed)
	}
}
