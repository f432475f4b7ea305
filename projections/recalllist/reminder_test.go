package recalllist_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/recall"
)

// TestRemindersShowOnTheRecallAndOnEachRemindedHoldersRow: the list keeps
// every reminder at the ledger's time it carries; a reminded holder's row
// counts them; a holder reading the recall sees only the reminders that
// named it, naming it alone.
func TestRemindersShowOnTheRecallAndOnEachRemindedHoldersRow(t *testing.T) {
	m := recalled(t)
	first, second := t0.Add(3*time.Hour), t0.Add(5*time.Hour)
	m.feed(t,
		recall.HoldersReminded{RecallID: "r1", HolderUSCCs: []string{dist, ret1}, RemindedAt: first.Format(time.RFC3339), Note: "acknowledge please"},
		recall.HoldersReminded{RecallID: "r1", HolderUSCCs: []string{ret1}, RemindedAt: second.Format(time.RFC3339)},
	)
	l := get(t, m, t0.Add(6*time.Hour))
	want := []query.RecallReminder{{At: first, Holders: []string{dist, ret1}, Note: "acknowledge please"}, {At: second, Holders: []string{ret1}}}
	if !reflect.DeepEqual(l.Reminders, want) {
		t.Fatalf("reminders\n got %+v\nwant %+v", l.Reminders, want)
	}
	rows := map[string]query.RecallRow{}
	for _, r := range l.Holders {
		rows[r.USCC] = r
	}
	if r := rows[ret1]; r.Reminders != 2 || r.RemindedAt == nil || !r.RemindedAt.Equal(second) {
		t.Errorf("retailer: %d reminders, last %v; want 2, the last at %s", r.Reminders, r.RemindedAt, second)
	}
	if r := rows[own]; r.Reminders != 0 || r.RemindedAt != nil {
		t.Errorf("owner, never reminded: %d reminders at %v", r.Reminders, r.RemindedAt)
	}
	seen, ok := l.For(dist)
	if !ok || !reflect.DeepEqual(seen.Reminders, []query.RecallReminder{{At: first, Holders: []string{dist}, Note: "acknowledge please"}}) {
		t.Fatalf("the distributor sees %+v, want the first reminder naming it alone", seen.Reminders)
	}
}

func TestARecallListsItsProductsOnce(t *testing.T) {
	l := get(t, recalled(t), t0.Add(time.Hour))
	if want := []query.RecallProduct{{GTIN: gtin}}; !reflect.DeepEqual(l.Products, want) {
		t.Fatalf("products %+v, want %+v (two lots of one product)", l.Products, want)
	}
}
