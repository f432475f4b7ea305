package analytics_test

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/runner"
)

const (
	shop = "91350100M00000002B"
	tea  = "06901234567892"
	wine = "03017620422003"
)

var t0 = time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC)

// log is a small history: two products of two categories and countries,
// sales, complaints (one resolved about an unknown complaint), market
// inspections, customs events two months later, and three recalls.
func log() []runner.Envelope {
	var envs []runner.Envelope
	at := t0
	add := func(evs ...event.Event) {
		for _, e := range evs {
			envs = append(envs, runner.Envelope{Event: e, Record: event.Record{Position: uint64(len(envs) + 1), Type: e.EventType(),
				Metadata: event.Metadata{OccurredAt: at}}})
		}
	}
	add(product.Registered{GTIN: tea, Category: "food", OriginCountry: "CN", OwnerUSCC: shop},
		product.Registered{GTIN: wine, Category: "drinks", OriginCountry: "FR", OwnerUSCC: shop},
		batch.Sold{GTIN: tea, Lot: "L1", SellerUSCC: shop, Units: batch.Units{Serials: []string{"a", "b"}, Quantity: 1998}},
		batch.Sold{GTIN: wine, Lot: "W1", SellerUSCC: shop, Units: batch.Units{Quantity: 300}},
		complaint.Filed{ComplaintID: "K1", GTIN: tea, AgainstUSCC: shop},
		complaint.Filed{ComplaintID: "K2", GTIN: tea, AgainstUSCC: shop},
		complaint.Filed{ComplaintID: "K3", GTIN: wine, AgainstUSCC: shop},
		complaint.Resolved{ComplaintID: "K1", AgainstUSCC: shop, Substantiated: true},
		complaint.Resolved{ComplaintID: "K2", AgainstUSCC: shop},
		complaint.Resolved{ComplaintID: "K9", AgainstUSCC: shop, Substantiated: true},
		batch.Inspected{GTIN: tea, Lot: "L1", EnterpriseUSCC: shop, Result: "fail"},
		batch.Inspected{GTIN: tea, Lot: "L1", EnterpriseUSCC: shop, Result: "pass"},
		batch.Inspected{GTIN: tea, Lot: "L1", EnterpriseUSCC: shop, Result: "pass"},
		batch.Sold{GTIN: "00000000000000", Lot: "X", SellerUSCC: shop, Units: batch.Units{Quantity: 5}},
		recall.Started{RecallID: "R1", Level: 2, InitiatedByUSCC: shop, CompleteBy: t0.Add(48 * time.Hour).Format(time.RFC3339)},
		recall.Started{RecallID: "R2", Level: 1, CompleteBy: "soon"},
		recall.Started{RecallID: "R3", Level: 3, CompleteBy: t0.Add(time.Hour).Format(time.RFC3339)},
		recall.Closed{RecallID: "R3"})
	at = t0.AddDate(0, 2, 0)
	add(customs.Inspected{DeclarationNo: "D1", Result: "pass"},
		customs.Inspected{DeclarationNo: "D1", Result: "fail"},
		customs.Rejected{DeclarationNo: "D1"},
		enterprise.PenaltyImposed{USCC: shop, AmountCNY: 5000})
	return envs
}

func folded(t *testing.T) *analytics.Projection {
	t.Helper()
	p := analytics.New()
	if err := p.Apply(log()); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTrendIsGapFree(t *testing.T) {
	got := folded(t).Trend(nil)
	want := []query.TrendMonth{
		{Month: "2026-01", ComplaintsFiled: 3, ComplaintsSubstantiated: 2, MarketInspections: 3, MarketInspectionsFailed: 1, RecallsStarted: 3},
		{Month: "2026-02"},
		{Month: "2026-03", CustomsInspectionsFailed: 1, CustomsRejections: 1, Penalties: 1, PenaltyAmountCNY: 5000},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("trend\n got %+v\nwant %+v", got, want)
	}
}

func TestRates(t *testing.T) {
	p := folded(t)
	cases := []struct {
		by   query.RateKey
		want []query.RateGroup
	}{
		{query.ByCategory, []query.RateGroup{
			{Key: "", UnitsSold: 5},
			{Key: "drinks", Products: 1, UnitsSold: 300, Complaints: 1, ComplaintsPer1000Units: 3.3333},
			{Key: "food", Products: 1, UnitsSold: 2000, Complaints: 2, ComplaintsResolved: 2, ComplaintsSubstantiated: 1,
				ComplaintsPer1000Units: 1, SubstantiatedShare: 0.5, Inspections: 3, InspectionsFailed: 1, FailureRate: 0.3333},
		}},
		{query.ByOriginCountry, []query.RateGroup{
			{Key: "", UnitsSold: 5},
			{Key: "CN", Products: 1, UnitsSold: 2000, Complaints: 2, ComplaintsResolved: 2, ComplaintsSubstantiated: 1,
				ComplaintsPer1000Units: 1, SubstantiatedShare: 0.5, Inspections: 3, InspectionsFailed: 1, FailureRate: 0.3333},
			{Key: "FR", Products: 1, UnitsSold: 300, Complaints: 1, ComplaintsPer1000Units: 3.3333},
		}},
	}
	for _, c := range cases {
		t.Run(string(c.by), func(t *testing.T) {
			if got := p.Rates(c.by, query.DashboardFilter{}); !reflect.DeepEqual(got, c.want) {
				t.Errorf("\n got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestRecallsAsOf(t *testing.T) {
	p := folded(t)
	cases := []struct {
		name    string
		asOf    time.Time
		levels  []query.RecallCounts
		overdue []string
	}{
		{"before the deadline", t0.Add(48 * time.Hour), []query.RecallCounts{
			{Level: 1, Started: 1, Open: 1}, {Level: 2, Started: 1, Open: 1}, {Level: 3, Started: 1, Closed: 1}}, nil},
		{"a second after it", t0.Add(48*time.Hour + time.Second), []query.RecallCounts{
			{Level: 1, Started: 1, Open: 1}, {Level: 2, Started: 1, Overdue: 1}, {Level: 3, Started: 1, Closed: 1}}, []string{"R1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			levels, months, overdue := p.Recalls(c.asOf)
			if !reflect.DeepEqual(levels, c.levels) {
				t.Errorf("levels\n got %+v\nwant %+v", levels, c.levels)
			}
			if len(months) != 3 || months[0].Month != "2026-01" || months[0].Level != 1 {
				t.Errorf("months %+v, want one row per level in 2026-01", months)
			}
			var ids []string
			for _, o := range overdue {
				ids = append(ids, o.RecallID)
			}
			if !reflect.DeepEqual(ids, c.overdue) {
				t.Errorf("overdue %v, want %v", ids, c.overdue)
			}
		})
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	a, b := folded(t), folded(t)
	var sa, sb bytes.Buffer
	if err := a.Snapshot(&sa); err != nil {
		t.Fatal(err)
	}
	if err := b.Snapshot(&sb); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(sa.Bytes(), sb.Bytes()) {
		t.Fatal("the same log gave different snapshots")
	}
	c := analytics.New()
	if err := c.Restore(bytes.NewReader(sa.Bytes())); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Trend(nil), a.Trend(nil)) || !reflect.DeepEqual(c.Rates(query.ByCategory, query.DashboardFilter{}), a.Rates(query.ByCategory, query.DashboardFilter{})) {
		t.Error("a restored model answers differently")
	}
	c.Reset()
	if len(c.Trend(nil)) != 0 || len(c.RecallItems()) != 0 {
		t.Error("Reset left data")
	}
}

func TestParseRateKey(t *testing.T) {
	for _, s := range []string{"category", "origin_country"} {
		if k, err := query.ParseRateKey(s); err != nil || string(k) != s {
			t.Errorf("ParseRateKey(%q) = %q, %v", s, k, err)
		}
	}
	for _, s := range []string{"", "country", "Category"} {
		if _, err := query.ParseRateKey(s); err == nil {
			t.Errorf("ParseRateKey(%q) accepted", s)
		}
	}
}
