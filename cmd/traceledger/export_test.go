package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/audit"
	"github.com/traceledger/traceledger/adapters/notary"
)

// An exported item bundle verifies offline, on "another machine" (no data
// directory left), with the verifier key alone; a bundle with one field
// changed, or checked with another key, fails naming what broke.
func TestExportedBundleVerifiesOffline(t *testing.T) {
	demo, sold := signedDemo(t)
	if sold == "" {
		t.Fatal("the demo printed no sold item")
	}
	key, err := notary.LoadKey(ledgerKeyPath(Config{Data: demo}))
	if err != nil {
		t.Fatal(err)
	}
	code, bundle, stderr := runExportArgs(t, "--data", demo, "--item", sold)
	if code != exitOK {
		t.Fatalf("export = %d: %s", code, stderr)
	}
	var b audit.Bundle
	if err := json.Unmarshal([]byte(bundle), &b); err != nil {
		t.Fatal(err)
	}
	types := make([]string, len(b.Events))
	for i, e := range b.Events {
		types[i] = e.Type
	}
	if len(b.Events) < 5 || b.VerifierKey != key.VerifierKey() || !strings.Contains(strings.Join(types, " "), "goods.sold.v1") {
		t.Fatalf("bundle of the sold item: %v", types)
	}

	// Another machine: the bundle and the published key, nothing else.
	elsewhere := t.TempDir()
	file := filepath.Join(elsewhere, "bundle.json")
	keyFile := filepath.Join(elsewhere, "ledger.pub")
	write(t, file, bundle)
	write(t, keyFile, key.VerifierKey()+"\n")
	if err := os.RemoveAll(demo); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{key.VerifierKey(), keyFile} {
		code, stdout, stderr := runArgs(t, nil, "verify", "--bundle", file, "--key", k)
		if code != exitOK || !strings.Contains(stdout, "ok: ") {
			t.Fatalf("verify --bundle --key %s = %d: %s%s", k, code, stdout, stderr)
		}
		t.Log(strings.TrimSpace(stdout))
	}

	tampered := b
	tampered.Events = append([]audit.BundleEvent(nil), b.Events...)
	e := tampered.Events[2]
	e.Data = strings.Replace(e.Data, `"`, `"x`, 1)
	tampered.Events[2] = e
	raw, _ := json.Marshal(tampered)
	write(t, file, string(raw))
	code, _, stderr = runArgs(t, nil, "verify", "--bundle", file, "--key", keyFile)
	if want := "position " + strconv.FormatUint(e.Position, 10) + ":"; code != exitFailure || !strings.Contains(stderr, want) {
		t.Fatalf("tampered bundle: %d %q, want a failure naming %q", code, stderr, want)
	}

	write(t, file, bundle)
	other, _ := notary.LoadOrCreateKey(filepath.Join(elsewhere, "other.key"), key.Origin())
	if code, _, stderr := runArgs(t, nil, "verify", "--bundle", file, "--key", other.VerifierKey()); code != exitFailure || !strings.Contains(stderr, "signature") {
		t.Fatalf("another key of the same origin: %d %q", code, stderr)
	}
	if code, _, _ := runArgs(t, nil, "verify", "--bundle", file); code != exitUsage {
		t.Fatalf("--bundle without --key = %d, want %d", code, exitUsage)
	}
}

func runExportArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb strings.Builder
	code := runExport(t.Context(), env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}, args)
	return code, out.String(), errb.String()
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
