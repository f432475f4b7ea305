package httpapi_test

import (
	"encoding/json"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/risk"
)

// Anyone reads the blacklist without a token: the maker whose level-1
// recall a regulator ordered is listed, dated at the recall, with its
// reason; the history pages.
func TestThePublicBlacklistListsClass4WithDateAndReason(t *testing.T) {
	f := newRiskFixture(t)
	rec := f.get(t, "/api/v1/public/blacklist", "")
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var a struct {
		Listed []query.BlacklistChange `json:"listed"`
		Next   *string                 `json:"next"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	if len(a.Listed) != 1 || a.Listed[0].USCC != riskMaker || a.Listed[0].Name != "Maker Co." || !a.Listed[0].Listed ||
		a.Listed[0].Reason != risk.ViolationLevel1Recall || a.Listed[0].At.IsZero() || a.Next != nil {
		t.Fatalf("listed %+v next %v", a.Listed, a.Next)
	}
	rec = f.get(t, "/api/v1/public/blacklist/history?limit=1", "")
	var h struct {
		Changes []query.BlacklistChange `json:"changes"`
		Next    *string                 `json:"next"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &h); err != nil || rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if len(h.Changes) != 1 || h.Changes[0].Seq != 1 || h.Changes[0].USCC != riskMaker {
		t.Errorf("history page %+v next %v", h.Changes, h.Next)
	}
	if rec := f.get(t, "/api/v1/public/blacklist?limit=0", ""); rec.Code != 400 {
		t.Errorf("limit=0: status %d", rec.Code)
	}
}

// The regulators' work list gives each enterprise its class's sampling
// rates, riskiest first; class 3-4 are priority targets; enterprises may
// not read it.
func TestInspectionTargetsCarryTheSamplingRatesOfTheirClass(t *testing.T) {
	f := newRiskFixture(t)
	rec := f.get(t, "/api/v1/inspections/targets?as_of=2026-03-07", regToken)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var a struct {
		Targets []query.InspectionTarget `json:"targets"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	c := risk.Embedded()
	if len(a.Targets) != 2 || a.Targets[0].USCC != riskMaker || a.Targets[0].Grade != 4 || !a.Targets[0].Priority ||
		a.Targets[0].CustomsInspectionRate != c.SamplingOf(4).CustomsInspectionRate || a.Targets[0].MarketSamplingRate != c.SamplingOf(4).MarketSamplingRate ||
		a.Targets[1].Grade != 1 || a.Targets[1].Priority || a.Targets[1].CustomsInspectionRate != c.SamplingOf(1).CustomsInspectionRate {
		t.Errorf("targets %+v", a.Targets)
	}
	if rec := f.get(t, "/api/v1/inspections/targets?grade=1", regToken); rec.Code != 200 {
		t.Errorf("grade=1: status %d", rec.Code)
	}
	if rec := f.get(t, "/api/v1/inspections/targets?grade=9", regToken); rec.Code != 400 {
		t.Errorf("grade=9: status %d", rec.Code)
	}
	if rec := f.get(t, "/api/v1/inspections/targets", riskShopToken); rec.Code != 403 {
		t.Errorf("an enterprise: status %d", rec.Code)
	}
}

// loggedChanges answers blacklist changes in log order, whatever their dates.
type loggedChanges []query.BlacklistChange

func (m loggedChanges) Blacklist(time.Time) []query.BlacklistChange {
	return append([]query.BlacklistChange(nil), m...)
}
func (loggedChanges) Targets(time.Time) []query.InspectionTarget { return nil }

// The published history reads in date order (ties in recording order),
// and its pages, one change at a time, give that order without a gap or a
// repeat, whatever order the log recorded the changes in.
func TestThePublicBlacklistHistoryPagesInDateOrder(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	model := loggedChanges{
		{Seq: 1, USCC: riskMaker, Listed: true, At: day(9), Reason: "score"},
		{Seq: 2, USCC: riskShop, Listed: true, At: day(4), Reason: "recall_overdue"},
		{Seq: 3, USCC: riskShop, Listed: false, At: day(6), Reason: "cleared"},
		{Seq: 4, USCC: riskMaker, Listed: false, At: day(4), Reason: "cleared"},
		{Seq: 5, USCC: riskShop, Listed: true, At: day(12), Reason: "score"},
	}
	store := sqlitetest.Open(t)
	srv := newFixtureServer(t, store, command.NewHandlers(store, command.Options{}))
	srv.RouteBlacklist(query.NewBlacklists(model, nil, stopped{}))
	var seqs []int
	after := "0"
	for range len(model) + 1 {
		rec := readAt(t, srv, "/api/v1/public/blacklist/history?limit=2&after="+after, "", 0)
		var pg struct {
			Changes []query.BlacklistChange `json:"changes"`
			Next    *string                 `json:"next"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &pg); err != nil || rec.Code != 200 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		for _, c := range pg.Changes {
			seqs = append(seqs, c.Seq)
		}
		if pg.Next == nil {
			break
		}
		after = url.QueryEscape(*pg.Next)
	}
	if want := []int{2, 4, 3, 1, 5}; !slices.Equal(seqs, want) {
		t.Fatalf("history pages give %v, want %v", seqs, want)
	}
}
