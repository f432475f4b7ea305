package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/domain/access"
)

// A generated ledger is a ledger like any other: every hash, the chain, the
// Merkle tree and the signed checkpoint verify; every read model replays it
// without an error; and serve answers on it what the demo's users ask (a
// sold item's history, a batch's downstream trace, the recall and complaint
// lists, the directories, the grades). A second
// generate into the same directory is refused.
func TestGeneratedLedgerVerifiesReplaysAndAnswersTheDemoQueries(t *testing.T) {
	if testing.Short() {
		t.Skip("generates, verifies, replays and serves 20,000 events")
	}
	data := t.TempDir()
	code, stdout, stderr := runArgs(t, nil, "generate", "--data", data, "--events", "20000", "--units", "3000", "--seed", "7")
	if code != exitOK {
		t.Fatalf("generate = %d: %s", code, stderr)
	}
	m := regexp.MustCompile(`Generated (\d+) events`).FindStringSubmatch(stdout)
	item := regexp.MustCompile(`a sold item: (\d{14})/(\S+)/(\S+)`).FindStringSubmatch(stdout)
	if m == nil || item == nil || !strings.Contains(stdout, "recalls                1") {
		t.Fatalf("generate output lacks the count, a sold item or a recall:\n%s", stdout)
	}
	var events int
	fmt.Sscan(m[1], &events)
	if events < 20_000 || events > 21_000 {
		t.Fatalf("generated %d events, want about 20,000", events)
	}

	code, stdout, stderr = runArgs(t, nil, "verify", "--data", data)
	if code != exitOK || !strings.Contains(stdout, "kept checkpoints verify") || !strings.Contains(stdout, fmt.Sprintf("covers %d of %d events", events, events)) {
		t.Fatalf("verify = %d:\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, stderr = runArgs(t, nil, "replay", "--data", data)
	if code != exitOK || !strings.Contains(stdout, fmt.Sprintf("from %d events", events)) {
		t.Fatalf("replay = %d:\n%s\n%s", code, stdout, stderr)
	}

	l := startLedgerOn(t, data)
	reg := l.token(access.RoleRegulator, "")
	pos := fmt.Sprint(events)
	gtin, lot, serial := item[1], item[2], item[3]
	hist := l.get("/api/v1/items/"+url.PathEscape("/01/"+gtin+"/10/"+lot+"/21/"+serial)+"/history", reg, pos)
	evs, _ := hist.body["events"].([]any)
	var types []string
	for _, e := range evs {
		types = append(types, e.(map[string]any)["type"].(string))
	}
	if len(types) < 4 || types[0] != "batch.registered.v1" || !strings.Contains(strings.Join(types, ","), "goods.shipped.v1") {
		t.Fatalf("the sold item's history = %v", types)
	}
	tr := l.get("/api/v1/batches/"+gtin+"/"+lot+"/trace?direction=downstream", reg, pos)
	var sold float64
	for _, h := range holders(t, tr) {
		sold += h.Sold
	}
	if len(holders(t, tr)) < 2 || sold < 1 {
		t.Fatalf("downstream trace of the sold item's batch: %v", tr.raw)
	}
	for path, key := range map[string]string{
		"/api/v1/recalls":                      "recalls",
		"/api/v1/complaints":                   "complaints",
		"/api/v1/enterprises":                  "enterprises",
		"/api/v1/analytics/grades":             "",
		"/api/v1/batches?limit=5":              "batches",
		"/api/v1/products?limit=5":             "products",
		"/api/v1/customs/declarations?limit=5": "declarations",
	} {
		a := l.get(path, reg, pos)
		if key == "" {
			continue
		}
		if rows, _ := a.body[key].([]any); len(rows) == 0 {
			t.Errorf("GET %s answered no %s: %.300s", path, key, a.raw)
		}
	}

	l.stop()
	code, _, stderr = runArgs(t, nil, "generate", "--data", data, "--events", "100")
	if code != exitFailure || !strings.Contains(stderr, "already holds") {
		t.Fatalf("second generate = %d %q, want a refusal", code, stderr)
	}
}

// bench --only generate prints the generator's rate and the bulk path's,
// each beside a raw insert of the same rows measured in the same run.
func TestBenchGenerateFiguresStandBesideARawInsertOfTheSameRows(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a small ledger")
	}
	code, stdout, stderr := runArgs(t, nil, "bench", "--json", "--only", "generate", "--generate-events", "3000", "--synchronous", "NORMAL")
	if code != exitOK {
		t.Fatalf("bench = %d: %s", code, stderr)
	}
	for _, name := range []string{`"name":"generate_events_per_s"`, `"name":"bulk_append_events_per_s"`} {
		if !strings.Contains(stdout, name) || !strings.Contains(stdout, `"baseline":"raw_sqlite_batched_insert_same_rows_per_s"`) {
			t.Errorf("bench output lacks %s beside the raw insert:\n%s", name, stdout)
		}
	}
}

// bench --only scale with serve not run prints a replay of serve's main
// models beside the raw read, and the read-and-decode ceiling every
// rebuild is under.
func TestBenchScaleFiguresStandBesideTheRawRead(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a small ledger")
	}
	code, stdout, stderr := runArgs(t, nil, "bench", "--json", "--only", "scale", "--scale-events", "3000", "--scale-no-serve", "--synchronous", "NORMAL")
	if code != exitOK {
		t.Fatalf("bench = %d: %s", code, stderr)
	}
	for _, name := range []string{"generate_", "ledger_", "replay_"} {
		if !strings.Contains(stdout, `"name":"`+name) {
			t.Errorf("bench output lacks a %s figure:\n%s", name, stdout)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if strings.Contains(line, `"unit":"events/s"`) && strings.Contains(line, `"name":"replay_`) && !strings.Contains(line, `"baseline":"raw_events_table_read_rows_per_s"`) {
			t.Errorf("a replay figure without the raw read beside it: %s", line)
		}
	}
	if !strings.Contains(stdout, "_read_and_decode_only_events_per_s") {
		t.Errorf("bench output lacks the read-and-decode ceiling:\n%s", stdout)
	}
}

// bench --only scale with serve run (this test binary as traceledger)
// times the rebuild where serve does it, its first start and the
// catch-up of every model after the restart, beside the raw read, and
// folds the log no third time in a replay.
func TestBenchScaleTimesTheRebuildOnServesFirstStart(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a small ledger and starts serve twice")
	}
	t.Setenv("TRACELEDGER_TEST_MAIN", "1")
	code, stdout, stderr := runArgs(t, nil, "bench", "--json", "--only", "scale", "--scale-events", "3000", "--synchronous", "NORMAL")
	if code != exitOK {
		t.Fatalf("bench = %d: %s", code, stderr)
	}
	figures := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var f struct{ Name, Baseline string }
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("not a JSON figure: %q", line)
		}
		figures[f.Name] = f.Baseline
	}
	for name, want := range map[string]string{
		"serve_3k_first_start_s":                      "raw_events_table_read_s",
		"rebuild_3k_main_models_events_per_s":         "raw_events_table_read_rows_per_s",
		"rebuild_3k_all_models_events_per_s":          "raw_events_table_read_rows_per_s",
		"serve_3k_restart_s":                          "goal_s",
		"replay_3k_read_and_decode_only_events_per_s": "raw_events_table_read_rows_per_s",
	} {
		if got, ok := figures[name]; !ok || got != want {
			t.Errorf("figure %s beside %q (present: %v), want beside %q:\n%s", name, got, ok, want, stdout)
		}
	}
	if _, ok := figures["replay_3k_events_per_s"]; ok {
		t.Errorf("the bench replayed the log that serve's first start had just rebuilt:\n%s", stdout)
	}
}

// On a kept data directory the first run's start rebuilds the models and
// is timed as the rebuild; the second run's starts from the models the
// first one left, so it times no rebuild and says why.
func TestBenchScaleOnKeptModelsTimesNoRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a small ledger and starts serve four times")
	}
	t.Setenv("TRACELEDGER_TEST_MAIN", "1")
	data := t.TempDir()
	if code, _, stderr := runArgs(t, nil, "generate", "--data", data, "--events", "2000"); code != exitOK {
		t.Fatalf("generate = %d: %s", code, stderr)
	}
	figures := func() map[string]float64 {
		t.Helper()
		code, stdout, stderr := runArgs(t, nil, "bench", "--json", "--only", "scale", "--scale-data", data)
		if code != exitOK {
			t.Fatalf("bench = %d: %s", code, stderr)
		}
		out := map[string]float64{}
		for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
			var f struct {
				Name  string
				Value float64
			}
			if err := json.Unmarshal([]byte(line), &f); err != nil {
				t.Fatalf("not a JSON figure: %q", line)
			}
			out[f.Name] = f.Value
		}
		return out
	}
	first, second := figures(), figures()
	for _, name := range []string{"rebuild_2k_main_models_events_per_s", "rebuild_2k_all_models_events_per_s"} {
		if first[name] <= 0 {
			t.Errorf("the first run on a ledger without models printed no %s: %v", name, first)
		}
		if v, ok := second[name]; ok {
			t.Errorf("the run on kept models printed %s = %v as a rebuild", name, v)
		}
		if v, ok := second[name+"_not_run_models_kept"]; !ok || v != 0 {
			t.Errorf("the run on kept models printed no %s_not_run_models_kept (0): %v", name, second)
		}
	}
}
