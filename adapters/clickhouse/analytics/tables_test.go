package analytics_test

import (
	"reflect"
	"testing"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	chanalytics "github.com/traceledger/traceledger/adapters/clickhouse/analytics"
	"github.com/traceledger/traceledger/projections/runner"
)

// foldAll folds envs into t after a Reset and answers every row, each as a
// map of its columns.
func foldAll(t clickhouse.Table, envs []runner.Envelope) []map[string]any {
	t.Reset()
	var out []map[string]any
	for _, env := range envs {
		for _, r := range t.Fold(env) {
			row := map[string]any{}
			for i, c := range t.Columns() {
				row[c] = r[i]
			}
			out = append(out, row)
		}
	}
	return out
}

// latest is the last row of each key, as argMax(…, position) reads it.
func latest(rows []map[string]any, key func(map[string]any) string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, r := range rows {
		out[key(r)] = r
	}
	return out
}

// TestDerivedTablesFold checks the derived tables' rows on the edge-case
// log without a server: the states the grade reads, rows only on change,
// and the same rows again after a Reset.
func TestDerivedTablesFold(t *testing.T) {
	envs := edgeCases()
	for _, tb := range chanalytics.Tables() {
		if a, b := foldAll(tb, envs), foldAll(tb, envs); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: a fold after Reset gave other rows", tb.Name())
		}
		for _, r := range foldAll(tb, envs) {
			if len(r) != len(tb.Columns()) {
				t.Fatalf("%s: row %v does not fit the columns %v", tb.Name(), r, tb.Columns())
			}
		}
	}

	recalls := latest(foldAll(chanalytics.NewRecallsTable(), envs), func(r map[string]any) string { return r["recall_id"].(string) })
	if r := recalls["R1"]; r["closed"] != uint8(1) || r["closed_at_ns"] != deadline.Add(1).UnixNano() ||
		r["complete_by_ns"] != deadline.UnixNano() || r["has_deadline"] != uint8(1) ||
		!reflect.DeepEqual(r["owners"], []string{imp}) || r["started_position"] == r["position"] {
		t.Errorf("R1 = %v, want closed a nanosecond after its deadline, owned by the importer", r)
	}
	if r := recalls["R2"]; r["has_deadline"] != uint8(0) || r["closed"] != uint8(0) || !reflect.DeepEqual(r["owners"], []string{other}) {
		t.Errorf("R2 = %v, want open, without a deadline, owned by the other enterprise", r)
	}

	rows := foldAll(chanalytics.NewRecallHoldersTable(), envs)
	perHolder := map[string]int{}
	for _, r := range rows {
		perHolder[r["recall_id"].(string)+"/"+r["holder"].(string)]++
	}
	if want := map[string]int{"R1/" + imp: 3, "R1/" + shop: 3, "R1/" + other: 3, "R2/" + other: 1,
		"R3/" + shop: 2, "R4/" + other: 3}; !reflect.DeepEqual(perHolder, want) {
		t.Errorf("rows per holder %v, want %v (the holder that held nothing is never affected)", perHolder, want)
	}
	holders := latest(rows, func(r map[string]any) string { return r["recall_id"].(string) + "/" + r["holder"].(string) })
	for _, c := range []struct {
		holder      string
		accounted   uint8
		at          int64
		outstanding int64
	}{
		{imp, 1, deadline.UnixNano(), 0},
		{shop, 1, t0.Add(3 * day).UnixNano(), 0},
		{other, 0, 0, 1},
	} {
		h := holders["R1/"+c.holder]
		if h["accounted"] != c.accounted || h["accounted_at_ns"] != c.at || h["outstanding"] != c.outstanding {
			t.Errorf("R1 holder %s = %v, want accounted %d at %d with %d outstanding", c.holder, h, c.accounted, c.at, c.outstanding)
		}
	}

	// Disposed units leave the holder; withdrawn ones stay in its stock.
	if h := holders["R3/"+shop]; h["accounted"] != uint8(1) || h["accounted_at_ns"] != t0.Add(4*day).UnixNano() || h["outstanding"] != int64(0) {
		t.Errorf("R3 shop = %v, want accounted when it destroyed its withdrawn units", h)
	}
	if h := holders["R4/"+other]; h["accounted"] != uint8(0) || h["outstanding"] != int64(6) {
		t.Errorf("R4 other = %v, want 6 withdrawn units outstanding after returning 30 to the supplier", h)
	}

	products := latest(foldAll(chanalytics.NewProductOutstandingTable(), envs), func(r map[string]any) string { return r["gtin"].(string) })
	for gtin, want := range map[string]map[string]any{
		// g1 was renewed to 03-31 and handed to other by an amendment.
		g1: {"owner": imp, "notifier": other, "status": "issued", "valid_to": "2026-03-31", "outstanding": int64(1)},
		g2: {"owner": other, "notifier": shop, "status": "revoked", "valid_to": "2027-01-01", "outstanding": int64(40 + 40 + 5 - 3 - 3 - 1 - 5 - 30)},
	} {
		for k, v := range want {
			if products[gtin][k] != v {
				t.Errorf("product %s: %s = %v, want %v", gtin, k, products[gtin][k], v)
			}
		}
	}
}
