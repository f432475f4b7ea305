package httpapi_test

import (
	"reflect"
	"testing"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/alert"
)

type alertRow struct {
	Kind, USCC string
	Units      int64
}

func alertRows(r query.AlertReport) []alertRow {
	var out []alertRow
	for _, a := range r.Alerts {
		out = append(out, alertRow{a.Kind, a.USCC, a.Units})
	}
	return out
}

func TestAlerts(t *testing.T) {
	c := newChain(t)
	c.returns()
	// Two weeks before the batch expires (2027-09-30), long after the
	// recall's deadlines.
	const asOf = "&as_of=2027-09-16"
	var r query.AlertReport
	c.getJSON("/api/v1/alerts?expiry_days=30"+asOf, regToken, &r)
	want := []alertRow{
		{alert.KindRecallOverdue, c.imp, 43}, // 36 in stock, 7 sold to consumers
		{alert.KindRecalledStock, c.imp, 20},
		{alert.KindRecalledStock, c.dst, 16},
		{alert.KindNearExpiry, c.imp, 20},
		{alert.KindNearExpiry, c.dst, 16},
	}
	if got := alertRows(r); !reflect.DeepEqual(got, want) {
		t.Fatalf("alerts\n got %+v\nwant %+v", got, want)
	}
	if r.Alerts[0].RecallID != c.recallID || r.Alerts[1].Name != "上海明辉进出口贸易有限公司" || r.AsOf.Format("2006-01-02") != "2027-09-16" {
		t.Fatalf("alert details %+v", r.Alerts[:2])
	}
	c.getJSON("/api/v1/alerts?expiry_days=7"+asOf, regToken, &r)
	if len(r.Alerts) != 3 {
		t.Fatalf("with 7 days ahead, stock expiring in 14 is no alert: %+v", alertRows(r))
	}
	c.getJSON("/api/v1/alerts?expiry_days=30"+asOf, c.token(c.dst), &r)
	if got := alertRows(r); !reflect.DeepEqual(got, []alertRow{{alert.KindRecalledStock, c.dst, 16}, {alert.KindNearExpiry, c.dst, 16}}) {
		t.Fatalf("the distributor's alerts %+v", got)
	}
	wantError(t, c.get("/api/v1/alerts?expiry_days=-1", regToken), 400, "invalid", "expiry_days")
	wantError(t, c.get("/api/v1/alerts?expiry_days=x", regToken), 400, "invalid", "expiry_days")
	wantError(t, c.get("/api/v1/alerts", admToken), 403, "forbidden", "")
}
