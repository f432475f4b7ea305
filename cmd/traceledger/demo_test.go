package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
)

// A small demo seeds an empty ledger, prints its summary and tokens that
// work, and refuses to seed a ledger that already holds events.
func TestDemoSeedsOnceAndPrintsTokens(t *testing.T) {
	data := t.TempDir()
	code, stdout, stderr := runArgs(t, nil, "demo", "--data", data, "--items", "300", "--workers", "4")
	if code != exitOK {
		t.Fatalf("demo = %d: %s", code, stderr)
	}
	for _, want := range []string{"Seeded ", "enterprises", "export REG=tl_", "export IMP=tl_", "export RET=tl_", "/certificate"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("demo output lacks %q:\n%s", want, stdout)
		}
	}
	code, _, stderr = runArgs(t, nil, "demo", "--data", data, "--items", "300")
	if code != exitFailure || !strings.Contains(stderr, "already holds") {
		t.Fatalf("second demo = %d %q, want a refusal naming the events already there", code, stderr)
	}
}

// make run seeds with --if-empty: a ledger file that exists but holds no
// event (left by a start that failed) is seeded; a ledger with events is
// left as it is, and the command still succeeds so that serve follows.
func TestDemoIfEmptySeedsAnEmptyLedgerFileAndLeavesAFullOne(t *testing.T) {
	data := t.TempDir()
	store, err := sqlite.Open(t.Context(), filepath.Join(data, ledgerFile), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runArgs(t, nil, "demo", "--if-empty", "--data", data, "--items", "300", "--workers", "4")
	if code != exitOK || !strings.Contains(stdout, "Seeded ") {
		t.Fatalf("demo --if-empty on an empty ledger file = %d, want it seeded:\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, stderr = runArgs(t, nil, "demo", "--if-empty", "--data", data, "--items", "300")
	if code != exitOK || strings.Contains(stdout, "Seeded ") || !strings.Contains(stdout, "token create") {
		t.Fatalf("demo --if-empty on a seeded ledger = %d, want exit 0, nothing seeded and how to make a token:\n%s\n%s", code, stdout, stderr)
	}
}

// The bench prints one JSON object a line with the contract's keys.
func TestBenchPrintsFiguresBesideBaselines(t *testing.T) {
	if testing.Short() {
		t.Skip("bench takes a few seconds")
	}
	code, stdout, stderr := runArgs(t, nil, "bench", "--json", "--only", "append", "--events", "640", "--synchronous", "NORMAL")
	if code != exitOK {
		t.Fatalf("bench = %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) < 2 {
		t.Fatalf("bench printed %d lines: %s", len(lines), stdout)
	}
	for _, l := range lines {
		for _, key := range []string{`"name":`, `"value":`, `"unit":`, `"baseline":`, `"baseline_value":`, `"ratio":`} {
			if !strings.Contains(l, key) {
				t.Errorf("bench line lacks %s: %s", key, l)
			}
		}
	}
}
