package main

import (
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
)

// bench --only chreads on a kept database resumes the sink where it
// stopped: a second run over the same ledger writes nothing and says so,
// rather than dividing the whole log by the moment it took to find the
// head.
func TestBenchReadSideSinkRateCountsOnlyTheEventsItWrote(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a small ledger and sinks it into ClickHouse twice")
	}
	ch := chtest.Start(t)
	data := t.TempDir()
	if code, _, stderr := runArgs(t, nil, "generate", "--data", data, "--events", "3000"); code != exitOK {
		t.Fatalf("generate: %s", stderr)
	}
	bench := func() string {
		t.Helper()
		code, stdout, stderr := runArgs(t, nil, "bench", "--json", "--only", "chreads", "--clickhouse", ch.DSN, "--chreads-data", data)
		if code != exitOK {
			t.Fatalf("bench = %d: %s", code, stderr)
		}
		return stdout
	}
	if first := bench(); !strings.Contains(first, `"name":"readside_sink_3k_events_per_s"`) {
		t.Fatalf("the first run does not give the sink's rate:\n%s", first)
	}
	second := bench()
	if !strings.Contains(second, `"name":"readside_sink_3k_events_per_s_not_run_at_head","value":0,`) {
		t.Fatalf("the second run, on a database already at the head, does not say the sink wrote nothing:\n%s", second)
	}
}
