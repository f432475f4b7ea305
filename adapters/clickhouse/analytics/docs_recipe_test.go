package analytics_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/enterprise"
)

// TestTheProblemRegionsRecipeRunsOnClickHouse runs the "Problem regions and
// operators" statement of docs/analytics.md on the server here: an
// inspection failure in the period is listed with its operator's region.
func TestTheProblemRegionsRecipeRunsOnClickHouse(t *testing.T) {
	doc, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)### Problem regions.*?```sql\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatalf("%s has no problem-regions recipe", docsPath)
	}
	srv := chtest.Start(t)
	conn, err := clickhouse.Open(t.Context(), srv.DSN)
	if err != nil {
		t.Fatalf("clickhouse open: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	l := (&edgeLog{}).on(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)).
		add(enterprise.Registered{USCC: shop, Name: "广州甲店", Region: "广东广州"}).
		on(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)).
		add(batch.Inspected{GTIN: g1, Lot: "L1", EnterpriseUSCC: shop, Result: "fail"})
	fill(t, conn, l.envs, []clickhouse.Table{clickhouse.NewEventsTable()})
	rows, err := conn.Query(t.Context(), strings.ReplaceAll(string(m[1]), "traceledger.", "{db}."))
	if err != nil {
		t.Fatalf("recipe: %v", err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var op, region string
		var insp, failed, complaints, recalls, withdrawals uint64
		var rate float64
		if err := rows.Scan(&op, &region, &insp, &failed, &rate, &complaints, &recalls, &withdrawals); err != nil {
			t.Fatal(err)
		}
		got = append(got, op+" "+region)
	}
	if err := rows.Err(); err != nil || len(got) != 1 || got[0] != shop+" 广东广州" {
		t.Fatalf("rows %v, err %v", got, err)
	}
}
