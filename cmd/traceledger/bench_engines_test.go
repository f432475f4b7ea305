package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// bench --only engines prints, for today's store and every candidate
// engine, durable appends beside the raw insert and the replay beside the
// raw read, all measured in the one run.
func TestBenchEnginesPrintsEveryCandidateBesideTheRawBaselines(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a small ledger and writes each engine")
	}
	code, stdout, stderr := runArgs(t, nil, "bench", "--json", "--only", "engines", "--engine-events", "640")
	if code != exitOK {
		t.Fatalf("bench = %d: %s", code, stderr)
	}
	figures := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var f struct {
			Name     string  `json:"name"`
			Value    float64 `json:"value"`
			Baseline string  `json:"baseline"`
		}
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		if f.Value <= 0 {
			t.Errorf("%s is %v", f.Name, f.Value)
		}
		figures[f.Name] = f.Baseline
	}
	for _, engine := range []string{"store_today", "sqlite-modernc", "sqlite-ncruces", "pebble", "segment"} {
		if b := figures["engine_"+engine+"_append_64_events_per_s"]; b != "raw_sqlite_batched_insert_events_per_s" {
			t.Errorf("%s appends beside %q", engine, b)
		}
		if b := figures["engine_"+engine+"_replay_events_per_s"]; b != "raw_events_table_read_rows_per_s" {
			t.Errorf("%s replay beside %q", engine, b)
		}
	}
	if _, ok := figures["engine_fsync_group_p50_ms"]; !ok {
		t.Errorf("no fsync floor in:\n%s", stdout)
	}
}

func TestBenchRefusesAnUnknownEngine(t *testing.T) {
	code, _, stderr := runArgs(t, nil, "bench", "--only", "engines", "--engines", "leveldb")
	if code != exitUsage || !strings.Contains(stderr, `unknown engine "leveldb"`) {
		t.Fatalf("bench = %d %q, want a usage error naming the engine", code, stderr)
	}
}
