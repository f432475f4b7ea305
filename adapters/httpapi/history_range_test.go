package httpapi_test

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/calendar"
)

// busyImporter adds n batches of the importer, each claimed to have
// occurred on a day of 2025 drawn out of order (so the timeline's
// occurred_at does not follow the log), and between them registrations of
// other firms that do not name it.
func busyImporter(t *testing.T, l *histLedger, n int) {
	t.Helper()
	ctx, reg := t.Context(), access.Actor{Role: access.RoleRegulator}
	start := time.Date(2025, 1, 1, 9, 0, 0, 0, calendar.China)
	for i := range n {
		at := start.AddDate(0, 0, (i*7919)%360).Add(time.Duration(i) * time.Second)
		l.ok(l.h.RegisterBatch(ctx, l.as(l.imp), command.RegisterBatch{Common: command.Common{OccurredAt: &at},
			GTIN: histGTIN, Lot: fmt.Sprintf("P%05d", i), Quantity: 1, ProducedOn: "2025-01-01", ExpiresOn: "2027-01-01", OwnerUSCC: l.imp}))
		if i%4 == 0 {
			u := newUSCC(t, fmt.Sprintf("91110105MA%07d", i))
			l.ok(l.h.RegisterEnterprise(ctx, reg, command.RegisterEnterprise{USCC: u, Name: "其他商贸", Region: "110105",
				Roles: []string{"retailer"}, Contact: "010-0000"}))
		}
	}
}

// walkHistory reads every page of a history under query (without after),
// checking that each page but the last is full and says where to go on.
func walkHistory(t *testing.T, l *histLedger, base, query string, limit int) []histEvent {
	t.Helper()
	var out []histEvent
	after := "0"
	for pages := 0; ; pages++ {
		if pages > 100000/limit {
			t.Fatal("the pages never end")
		}
		var pg histPageAnswer
		l.getJSON(fmt.Sprintf("%s?limit=%d&after=%s&%s", base, limit, after, query), regToken, &pg)
		out = append(out, pg.Events...)
		if pg.Next == nil {
			return out
		}
		if len(pg.Events) != limit || *pg.Next != strconv.FormatUint(pg.Events[len(pg.Events)-1].Position, 10) {
			t.Fatalf("a page of %d events says next %q", len(pg.Events), *pg.Next)
		}
		after = url.QueryEscape(*pg.Next)
	}
}

// TestAnEnterpriseTimelineOfThousandsOfEventsPagesToTheEndAsTheLogHasIt:
// read a page at a time, oldest or newest first, an enterprise's timeline
// is the log's events naming it, each once, in log order; a time range
// keeps exactly those that occurred within it.
func TestAnEnterpriseTimelineOfThousandsOfEventsPagesToTheEndAsTheLogHasIt(t *testing.T) {
	l := newHistLedger(t)
	busyImporter(t, l, 2500)
	log := l.log()
	base := "/api/v1/enterprises/" + l.imp + "/history"

	walked := walkHistory(t, l, base, "", 97)
	if len(walked) < 2500 {
		t.Fatalf("the walk read %d events", len(walked))
	}
	seen := map[uint64]bool{}
	for i, e := range walked {
		if i > 0 && e.Position <= walked[i-1].Position {
			t.Fatalf("event %d at %d after %d: not in log order or repeated", i, e.Position, walked[i-1].Position)
		}
		rec := log[e.Position-1]
		if rec.Position != e.Position || e.Hash != fmt.Sprintf("%x", rec.Hash) || e.Type != rec.Type || e.Stream != rec.Stream {
			t.Fatalf("event at %d is not the log's: %+v", e.Position, e)
		}
		seen[e.Position] = true
	}
	// Every event of the log naming the importer is on its timeline.
	for _, rec := range log {
		if (rec.Metadata.ActorUSCC == l.imp || strings.Contains(string(rec.Data), l.imp)) && !seen[rec.Position] {
			t.Fatalf("the log's event %d (%s) names the importer and is not on its timeline", rec.Position, rec.Type)
		}
	}

	newest := walkHistory(t, l, base, "order=desc", 250)
	slices.Reverse(newest)
	if !reflect.DeepEqual(positionsOf(newest), positionsOf(walked)) {
		t.Fatalf("newest first reads %d events, oldest first %d", len(newest), len(walked))
	}

	// "What happened between March and May": the days are in China's time.
	from := time.Date(2025, 3, 1, 0, 0, 0, 0, calendar.China)
	to := time.Date(2025, 6, 1, 0, 0, 0, 0, calendar.China)
	var want []uint64
	for _, e := range walked {
		at := log[e.Position-1].Metadata.OccurredAt
		if !at.Before(from) && at.Before(to) {
			want = append(want, e.Position)
		}
	}
	if len(want) < 100 || len(want) > len(walked)/2 {
		t.Fatalf("the range holds %d of %d events: the scenario does not test it", len(want), len(walked))
	}
	for _, q := range []string{"from=2025-03-01&to=2025-05-31", "from=" + url.QueryEscape(from.Format(time.RFC3339)) + "&to=" + url.QueryEscape(to.UTC().Format(time.RFC3339))} {
		if got := positionsOf(walkHistory(t, l, base, q, 61)); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: %d events, want %d", q, len(got), len(want))
		}
		got := positionsOf(walkHistory(t, l, base, q+"&order=desc", 61))
		slices.Reverse(got)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s newest first: %d events, want %d", q, len(got), len(want))
		}
	}
	// From alone and to alone split the timeline in two.
	before := walkHistory(t, l, base, "to=2025-02-28", 500)
	after := walkHistory(t, l, base, "from=2025-03-01", 500)
	if len(before)+len(after) != len(walked) || len(before) == 0 || len(after) == 0 {
		t.Fatalf("before March %d, from March %d, all %d", len(before), len(after), len(walked))
	}

	// The batch's and the product's histories take the same parameters.
	var product histPageAnswer
	l.getJSON("/api/v1/products/"+histGTIN+"/history?order=desc&limit=1", regToken, &product)
	if len(product.Events) != 1 || product.Next == nil || product.Events[0].Position != walked[len(walked)-1].Position {
		t.Fatalf("the product's newest event: %+v", product)
	}
}

// TestAnItemHistoryPagesLikeTheOthers: an item's history answers next,
// null when it is whole, and reads newest first when asked.
func TestAnItemHistoryPagesLikeTheOthers(t *testing.T) {
	l := newHistLedger(t)
	path := histItemPath(l.codes[2])
	var whole struct {
		Events []histEvent `json:"events"`
		Next   *string     `json:"next"`
	}
	l.getJSON(path, regToken, &whole)
	if whole.Next != nil || len(whole.Events) < 5 {
		t.Fatalf("whole item history: %d events, next %v", len(whole.Events), whole.Next)
	}
	var first, newest struct {
		Events []histEvent `json:"events"`
		Next   *string     `json:"next"`
	}
	l.getJSON(path+"?limit=2", regToken, &first)
	if first.Next == nil || !reflect.DeepEqual(first.Events, whole.Events[:2]) {
		t.Fatalf("first page: %+v", first)
	}
	l.getJSON(path+"?limit=1&order=desc", regToken, &newest)
	if len(newest.Events) != 1 || newest.Events[0].Position != whole.Events[len(whole.Events)-1].Position {
		t.Fatalf("newest: %+v", newest)
	}
}

// TestHistoryRangeRefusals: a bad time range or order is a 400 naming the
// parameter, on every history.
func TestHistoryRangeRefusals(t *testing.T) {
	l := newHistLedger(t)
	for _, base := range []string{"/api/v1/enterprises/" + l.imp + "/history", "/api/v1/products/" + histGTIN + "/history",
		"/api/v1/batches/" + histGTIN + "/" + histLot + "/history", histItemPath(l.codes[0])} {
		for _, tc := range []struct{ name, query, field string }{
			{"from not a time", "from=March", "from"},
			{"to not a day", "to=2025-02-30", "to"},
			{"from too long", "from=" + strings.Repeat("2", 100), "from"},
			{"from before the ledger can hold", "from=1800-01-01", "from"},
			{"to before from", "from=2025-05-01&to=2025-03-01", "to"},
			{"an empty range", "from=2025-05-01T00:00:00Z&to=2025-05-01T00:00:00Z", "to"},
			{"an unknown order", "order=newest", "order"},
		} {
			t.Run(base+" "+tc.name, func(t *testing.T) {
				wantError(t, l.get(base+"?"+tc.query, regToken), 400, "invalid", tc.field)
			})
		}
	}
}

func positionsOf(es []histEvent) []uint64 {
	out := make([]uint64, len(es))
	for i, e := range es {
		out[i] = e.Position
	}
	return out
}
