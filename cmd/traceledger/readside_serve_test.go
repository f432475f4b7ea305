package main

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
	"github.com/traceledger/traceledger/domain/access"
)

// With --read-side clickhouse, serve answers histories, traces and recall
// lists from ClickHouse once the sink holds the log, as the embedded models
// answer them, and still reads a client's own writes (min_position).
func TestHistoriesTracesAndRecallListsFromClickHouseEqualEmbedded(t *testing.T) {
	ch := chtest.Start(t)
	data := t.TempDir()
	if code, _, stderr := runArgs(t, nil, "demo", "--data", data, "--items", "1000", "--workers", "8"); code != exitOK {
		t.Fatalf("demo: %s", stderr)
	}
	answers := func(flags ...string) map[string]string {
		l := startLedgerOn(t, data, flags...)
		defer l.stop()
		tok := l.token(access.RoleRegulator, "")
		head := fmt.Sprint(int64(l.head()))
		if len(flags) > 0 {
			// The reads move to ClickHouse with the dashboards.
			deadline := time.Now().Add(60 * time.Second)
			for l.get("/api/v1/analytics/grades", l.token(access.RoleAnalyst, ""), head).body["source"] != "clickhouse" {
				if time.Now().After(deadline) {
					t.Fatal("the sink never caught up")
				}
				time.Sleep(50 * time.Millisecond)
			}
			time.Sleep(200 * time.Millisecond)
		}
		var paths []string
		for _, b := range l.get("/api/v1/batches?limit=15", tok, head).body["batches"].([]any) {
			b := b.(map[string]any)
			at := "/api/v1/batches/" + b["gtin"].(string) + "/" + url.PathEscape(b["lot"].(string))
			paths = append(paths, at+"/history?limit=20", at+"/history?limit=5&order=desc", at+"/trace", at+"/trace?direction=upstream")
		}
		for _, e := range l.get("/api/v1/enterprises?limit=8", tok, head).body["enterprises"].([]any) {
			u := e.(map[string]any)["uscc"].(string)
			paths = append(paths, "/api/v1/enterprises/"+u+"/history?limit=30&order=desc", "/api/v1/enterprises/"+u+"/history?limit=30&from=2026-03-01T00:00:00Z")
		}
		for _, r := range l.get("/api/v1/recalls", tok, head).body["recalls"].([]any) {
			paths = append(paths, "/api/v1/recalls/"+r.(map[string]any)["recall_id"].(string))
		}
		out := map[string]string{}
		for _, p := range paths {
			out[p] = l.get(p, tok, head).raw
		}
		if len(out) < 60 {
			t.Fatalf("only %d answers compared", len(out))
		}
		return out
	}
	fromCH := answers("--clickhouse", ch.DSN, "--read-side", "clickhouse")
	embedded := answers()
	for path, want := range embedded {
		if got := fromCH[path]; got != want {
			t.Errorf("%s from ClickHouse differs from the embedded answer:\n got %.1500s\nwant %.1500s", path, got, want)
		}
	}
}
