package main

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
	"github.com/traceledger/traceledger/domain/access"
)

// With --clickhouse, serve streams the log into ClickHouse and the
// dashboards answer from it, the same as the embedded models do.
func TestAnalyticsFromClickHouseEqualEmbedded(t *testing.T) {
	ch := chtest.Start(t)
	data := t.TempDir()
	if code, _, stderr := runArgs(t, nil, "demo", "--data", data, "--items", "1000", "--workers", "8"); code != exitOK {
		t.Fatalf("demo: %s", stderr)
	}
	answers := func(flags ...string) map[string]map[string]any {
		l := startLedgerOn(t, data, flags...)
		defer l.stop()
		tok := l.token(access.RoleAnalyst, "")
		head := fmt.Sprint(int64(l.head()))
		if len(flags) > 0 {
			// The dashboards move to ClickHouse once the sink has the log.
			deadline := time.Now().Add(60 * time.Second)
			for l.get("/api/v1/analytics/grades", tok, head).body["source"] != "clickhouse" {
				if time.Now().After(deadline) {
					t.Fatal("the dashboards never answered from ClickHouse")
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
		out := map[string]map[string]any{}
		for _, path := range []string{"/api/v1/analytics/grades", "/api/v1/analytics/top-risks?limit=5", "/api/v1/analytics/rates?by=category",
			"/api/v1/analytics/risk-trend", "/api/v1/analytics/recalls"} {
			sep := "?"
			if u, _ := url.Parse(path); u.RawQuery != "" {
				sep = "&"
			}
			a := l.get(path+sep+"as_of=2026-09-30", tok, head)
			delete(a.body, "as_of")
			out[path] = a.body
		}
		return out
	}
	fromCH := answers("--clickhouse", ch.DSN)
	embedded := answers()
	for path, want := range embedded {
		got := fromCH[path]
		if got["source"] != "clickhouse" || want["source"] != "embedded" {
			t.Fatalf("%s: sources %v and %v", path, got["source"], want["source"])
		}
		delete(got, "source")
		delete(want, "source")
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s from ClickHouse differs from the embedded answer:\n got %v\nwant %v", path, got, want)
		}
	}
}
