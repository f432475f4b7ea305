package chbench

import (
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
)

// A small run measures every figure against a real server and drops its
// scratch database.
func TestRun(t *testing.T) {
	srv := chtest.Start(t)
	res, err := Run(t.Context(), srv.DSN, Sizes{Events: 20_000, RawBatch: 5_000, QueryEvents: 50_000, Runs: 2, Rounds: 1})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if res.Sink.Rows != 20_000 || res.Raw.Rows != 20_000 || res.Sink.PerSecond() <= 0 || res.Raw.PerSecond() <= 0 {
		t.Errorf("rates: sink %+v, raw %+v", res.Sink, res.Raw)
	}
	if len(res.Queries) != len(Queries) || res.QueryP50 <= 0 {
		t.Errorf("queries: %+v, p50 %v", res.Queries, res.QueryP50)
	}
	if got := srv.MustQuery("SELECT count() FROM system.databases WHERE name LIKE '%_bench'"); got != "0" {
		t.Errorf("scratch database left behind: %s", got)
	}
}

// The generated events have the synthetic log's shape: every row has an
// enterprise, sales are most of them, products have a category.
func TestPopulateShape(t *testing.T) {
	srv := chtest.Start(t)
	scratch, _ := ScratchDSN(srv.DSN)
	c := open(t, scratch)
	if err := Fresh(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if err := Populate(t.Context(), c, 100_000); err != nil {
		t.Fatal(err)
	}
	got := srv.MustQuery("SELECT count(), countIf(enterprise = ''), countIf(category = ''), round(countIf(type = 'goods.sold.v1') / count(), 2), uniqExact(event_id) FROM " + c.Database() + ".events")
	if want := "100000\t0\t0\t0.73\t100000"; got != want {
		t.Errorf("count, no enterprise, no category, share of sales, distinct ids: got %q, want %q", got, want)
	}
}

func TestScratchDSN(t *testing.T) {
	for in, want := range map[string]string{
		"clickhouse://h:9000/ledger":    "clickhouse://h:9000/ledger_bench",
		"clickhouse://u:p@h:9000":       "clickhouse://u:p@h:9000/traceledger_bench",
		"clickhouse://h:9000/x?debug=1": "clickhouse://h:9000/x_bench?debug=1",
	} {
		if got, err := ScratchDSN(in); err != nil || !strings.EqualFold(got, want) {
			t.Errorf("ScratchDSN(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
