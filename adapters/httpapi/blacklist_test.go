package httpapi_test

import (
	"encoding/json"
	"testing"

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
		Next   *uint64                 `json:"next"`
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
		Next    *uint64                 `json:"next"`
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
