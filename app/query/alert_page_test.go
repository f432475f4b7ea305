package query_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

func TestTheAlertsKeepAnEnterpriseAndPageInAnySortByTheCursor(t *testing.T) {
	ents := manyEnterprises(6) // regions 310000, 440101, 110000 in turn
	rep := query.AlertReport{AsOf: time.Now()}
	for i := range 30 {
		e := ents[i%len(ents)]
		rep.Alerts = append(rep.Alerts, query.Alert{Kind: []string{"near_expiry", "expired_stock", "recalled_stock"}[i%3],
			Severity: []string{"low", "high", "medium", "high"}[i%4], USCC: e.USCC, Name: e.Name, GTIN: "06901234567892",
			Lot: fmt.Sprintf("L%02d", i), Due: fmt.Sprintf("2026-04-%02d", 1+i%28)})
	}
	q := query.NewAlerts(nil, nil, settled(5))

	if one := q.Filter(rep, query.AlertFilter{Enterprise: ents[1].USCC}); len(one.Alerts) != 5 {
		t.Errorf("one enterprise: %d alerts, want 5", len(one.Alerts))
	}

	rank := map[string]int{"high": 0, "medium": 1, "low": 2}
	for _, c := range []struct {
		sort    string
		ordered func(a, b query.Alert) bool
	}{
		{"severity", func(a, b query.Alert) bool { return rank[a.Severity] <= rank[b.Severity] }},
		{"-severity", func(a, b query.Alert) bool { return rank[a.Severity] >= rank[b.Severity] }},
		{"due", func(a, b query.Alert) bool { return a.Due <= b.Due }},
		{"-due", func(a, b query.Alert) bool { return a.Due >= b.Due }},
		{"kind", func(a, b query.Alert) bool { return a.Kind <= b.Kind }},
		{"enterprise", func(a, b query.Alert) bool { return a.Name <= b.Name }},
	} {
		var all []query.Alert
		after := ""
		for pages := 0; ; pages++ {
			if pages > 30 {
				t.Fatalf("%s: the walk does not end", c.sort)
			}
			page, next, err := query.SortedPage(rep, query.DirectoryPage{Sort: c.sort, After: after, Limit: 7})
			if err != nil {
				t.Fatalf("%s: %v", c.sort, err)
			}
			all = append(all, page...)
			if next == "" {
				break
			}
			after = next
		}
		lots := map[string]bool{}
		for i, a := range all {
			if lots[a.Lot] {
				t.Errorf("%s: %s twice", c.sort, a.Lot)
			}
			lots[a.Lot] = true
			if i > 0 && !c.ordered(all[i-1], a) {
				t.Errorf("%s: %+v before %+v", c.sort, all[i-1], a)
			}
		}
		if len(all) != len(rep.Alerts) {
			t.Errorf("%s: walked %d alerts of %d", c.sort, len(all), len(rep.Alerts))
		}
	}
	if _, _, err := query.SortedPage(rep, query.DirectoryPage{Sort: "raised"}); err == nil {
		t.Error("an unknown sort is accepted")
	}
	if _, _, err := query.SortedPage(rep, query.DirectoryPage{Sort: "due", After: "forged"}); err == nil {
		t.Error("a forged cursor is accepted")
	}
}
