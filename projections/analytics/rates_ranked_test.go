package analytics_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/runner"
)

const (
	cantonShop   = "91440100M00000001A"
	shenzhenShop = "91440300M00000003C"
	hangzhouShop = "91330100M00000005E"
)

// operators is three shops in two regions: in January the Canton shop fails
// one inspection of two, the Hangzhou shop passes its one; in March the
// Shenzhen shop fails its only inspection and the Hangzhou shop withdraws
// a batch and starts a recall.
func operators(t *testing.T) analytics.Embedded {
	t.Helper()
	var envs []runner.Envelope
	at := t0
	add := func(evs ...event.Event) {
		for _, e := range evs {
			envs = append(envs, runner.Envelope{Event: e, Record: event.Record{Position: uint64(len(envs) + 1), Type: e.EventType(),
				Metadata: event.Metadata{OccurredAt: at}}})
		}
	}
	add(enterprise.Registered{USCC: cantonShop, Name: "广州甲店", Region: "广东"},
		enterprise.Registered{USCC: shenzhenShop, Name: "深圳乙店", Region: " 广东"},
		enterprise.Registered{USCC: hangzhouShop, Name: "杭州丙店", Region: "浙江"},
		batch.Sold{GTIN: tea, Lot: "L1", SellerUSCC: cantonShop, Units: batch.Units{Quantity: 1000}},
		complaint.Filed{ComplaintID: "K1", GTIN: tea, AgainstUSCC: cantonShop},
		complaint.Resolved{ComplaintID: "K1", AgainstUSCC: cantonShop, Substantiated: true},
		batch.Inspected{GTIN: tea, Lot: "L1", EnterpriseUSCC: cantonShop, Result: "fail"},
		batch.Inspected{GTIN: tea, Lot: "L1", EnterpriseUSCC: cantonShop, Result: "pass"},
		batch.Inspected{GTIN: tea, Lot: "L2", EnterpriseUSCC: hangzhouShop, Result: "pass"})
	at = time.Date(2026, 3, 10, 15, 59, 0, 0, time.UTC) // 23:59 on 10 March in China
	add(batch.Inspected{GTIN: tea, Lot: "L3", EnterpriseUSCC: shenzhenShop, Result: "fail"},
		batch.Withdrawn{GTIN: tea, Lot: "L2", HolderUSCC: hangzhouShop, Reason: "expired", Units: batch.Units{Quantity: 4}},
		recall.Started{RecallID: "R1", Level: 3, InitiatedByUSCC: hangzhouShop})
	p := analytics.New()
	if err := p.Apply(envs); err != nil {
		t.Fatal(err)
	}
	return analytics.Embedded{Model: p}
}

func keys(gs []query.RateGroup) []string {
	out := []string{}
	for _, g := range gs {
		out = append(out, g.Key)
	}
	return out
}

func TestRatesByOperatorRankTheWorstFirst(t *testing.T) {
	e := operators(t)
	r, err := e.RankedRates(t.Context(), t0, query.ByOperator, query.RatePeriod{}, query.RatePage{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(r.Groups), []string{shenzhenShop, cantonShop, hangzhouShop}; !equal(got, want) {
		t.Fatalf("ranking %v, want %v", got, want)
	}
	c := r.Groups[1]
	if c.Name != "广州甲店" || c.Region != "广东" || c.FailureRate != 0.5 || c.ComplaintsPer1000Units != 1 || c.ComplaintsSubstantiated != 1 || *c.Recalls != 0 {
		t.Errorf("Canton shop %+v", c)
	}
	if h := r.Groups[2]; *h.Withdrawals != 1 || *h.Recalls != 1 || r.Next != nil {
		t.Errorf("Hangzhou shop %+v, next %v", h, r.Next)
	}
}

func TestRatesByRegionSumTheRegionsOperators(t *testing.T) {
	r, err := operators(t).RankedRates(t.Context(), t0, query.ByRegion, query.RatePeriod{}, query.RatePage{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if got := keys(r.Groups); !equal(got, []string{"广东", "浙江"}) {
		t.Fatalf("regions %v, want 广东 then 浙江 (the recorded region, trimmed)", got)
	}
	if g := r.Groups[0]; *g.Operators != 2 || g.Inspections != 3 || g.InspectionsFailed != 2 || g.FailureRate != 0.6667 {
		t.Errorf("广东 %+v", g)
	}
}

func TestRatesKeptToARegionRankOnlyItsOperators(t *testing.T) {
	e := operators(t)
	r, err := e.RankedRates(t.Context(), t0, query.ByOperator, query.RatePeriod{}, query.RatePage{Limit: 10, Region: "广东"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(r.Groups), []string{shenzhenShop, cantonShop}; !equal(got, want) || r.Next != nil {
		t.Fatalf("operators of 广东 %v next %v, want %v (a region recorded with spaces included)", got, r.Next, want)
	}
	r, _ = e.RankedRates(t.Context(), t0, query.ByRegion, query.RatePeriod{}, query.RatePage{Limit: 10, Region: "浙江"})
	if got := keys(r.Groups); !equal(got, []string{"浙江"}) || *r.Groups[0].Operators != 1 {
		t.Fatalf("regions kept to 浙江: %v", got)
	}
}

func TestRatesByOperatorCountOnlyThePeriod(t *testing.T) {
	e := operators(t)
	march := period(t, "2026-03-01", "2026-03-10")
	r, err := e.RankedRates(t.Context(), t0, query.ByOperator, march, query.RatePage{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := keys(r.Groups); !equal(got, []string{shenzhenShop}) || r.Next == nil || *r.Next != 1 || r.From != "2026-03-01" {
		t.Fatalf("first page %v next %v from %q", got, r.Next, r.From)
	}
	r, _ = e.RankedRates(t.Context(), t0, query.ByOperator, march, query.RatePage{After: 1, Limit: 1})
	if got := keys(r.Groups); !equal(got, []string{hangzhouShop}) || r.Next != nil || r.Groups[0].Inspections != 0 {
		t.Fatalf("second page %v next %v: want the Hangzhou shop's March only, last", got, r.Next)
	}
}

// period is from..to, whole China days, as the API reads them.
func period(t *testing.T, from, to string) query.RatePeriod {
	t.Helper()
	f, err := query.DayBound(from, false)
	if err != nil {
		t.Fatal(err)
	}
	u, err := query.DayBound(to, true)
	if err != nil {
		t.Fatal(err)
	}
	return query.RatePeriod{From: f, To: u}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRatesByCategoryOfARegionCountOnlyItsOperatorsEvents(t *testing.T) {
	e := operators(t)
	for _, c := range []struct {
		region              string
		inspections, failed int64
		complaints          int64
	}{{"广东", 3, 2, 1}, {"浙江", 1, 0, 0}, {"北京", 0, 0, 0}} {
		r, err := e.Rates(t.Context(), t0, query.ByCategory, query.DashboardFilter{Region: c.region})
		if err != nil {
			t.Fatal(err)
		}
		var insp, failed, complaints int64
		for _, g := range r.Groups {
			insp, failed, complaints = insp+g.Inspections, failed+g.InspectionsFailed, complaints+g.Complaints
		}
		if insp != c.inspections || failed != c.failed || complaints != c.complaints {
			t.Errorf("%s: %d inspections, %d failed, %d complaints; want %d, %d, %d", c.region, insp, failed, complaints,
				c.inspections, c.failed, c.complaints)
		}
	}
}
