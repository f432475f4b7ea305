package query_test

import (
	"context"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
)

// threeAlerts is an alert about the shop, one about the maker and one
// about no enterprise.
type threeAlerts struct{}

func (threeAlerts) Alerts(_ context.Context, now time.Time, _ int, _ query.Names) (query.AlertReport, error) {
	return query.AlertReport{AsOf: now, Alerts: []query.Alert{{Kind: "a", USCC: shop}, {Kind: "b", USCC: maker}, {Kind: "c"}}}, nil
}

// shopOnly keeps the shop for any scoped filter, and records the filter.
type shopOnly struct{ asked *query.DashboardFilter }

func (s shopOnly) Enterprises(_ context.Context, f query.DashboardFilter) (query.EnterpriseSet, error) {
	*s.asked = f
	return query.EnterpriseSet{shop: true}, nil
}

func TestAlertsFilteredByTheDashboardKeepThoseAboutTheKeptEnterprises(t *testing.T) {
	var asked query.DashboardFilter
	q := query.NewAlerts(threeAlerts{}, nil, settled(5)).WithScope(shopOnly{&asked})
	rd := query.Read{Actor: access.Actor{Role: access.RoleAnalyst}}
	rep, err := q.Report(t.Context(), rd, time.Now(), 30, query.DashboardFilter{Region: " 上海 ", Category: "dairy"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Alerts) != 1 || rep.Alerts[0].USCC != shop {
		t.Errorf("kept %+v, want the shop's alert only", rep.Alerts)
	}
	if asked.Region != "上海" || asked.Category != "乳制品" {
		t.Errorf("engine asked %+v: want the region trimmed and the category by its catalogue name", asked)
	}
	rep, err = q.Report(t.Context(), rd, time.Now(), 30, query.DashboardFilter{})
	if err != nil || len(rep.Alerts) != 3 {
		t.Errorf("unfiltered: %d alerts (%v), want all 3", len(rep.Alerts), err)
	}
}
