// Package traceledger_test holds the rule every package of the module obeys:
// which layer may import which. It has no code of its own.
package traceledger_test

import (
	"encoding/json"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/traceledger/traceledger"

// pkg is what `go list -json` says of one package.
type pkg struct {
	ImportPath string
	Imports    []string
}

// listPackages lists the module's packages with their direct imports
// (test files excluded: tests may reach across layers to build fixtures).
func listPackages(t *testing.T) []pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var ps []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("decode go list: %v", err)
		}
		ps = append(ps, p)
	}
	return ps
}

// layer names the top-level part of the module a package belongs to.
func layer(path string) string {
	rel, ok := strings.CutPrefix(path, module+"/")
	if !ok {
		return ""
	}
	top, _, _ := strings.Cut(rel, "/")
	return top
}

// standard reports whether an import path belongs to the standard library
// (its first element has no dot).
func standard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// adapterOwner is the adapter an adapters/... package belongs to: its
// directory under adapters/ (eventstore's adapters one level deeper).
func adapterOwner(path string) string {
	rel := strings.TrimPrefix(path, module+"/adapters/")
	parts := strings.Split(rel, "/")
	if parts[0] == "eventstore" && len(parts) > 1 {
		return "eventstore/" + parts[1]
	}
	return parts[0]
}

// adapterUses are the only imports allowed from one adapter into another,
// each for a reason: a published format or verifier that is itself the
// contract, never another adapter's storage or internals.
var adapterUses = map[[2]string]string{
	{"audit", "notary"}:                         "the checkpoint format and its verifier are the notary's published contract",
	{"httpapi", "audit"}:                        "the offline bundle format a regulator verifies is audit's published contract",
	{"httpapi", "epcis"}:                        "EPCIS 2.0 documents (capture reads them, queries write them) and event hash ids are GS1's published formats, kept by the epcis adapter",
	{"httpapi", "notary"}:                       "the signed checkpoint served to clients is the notary's published format",
	{"notify", "bus"}:                           "the recall notifier is a consumer of the bus's topics and message metadata",
	{"webui", "httpapi"}:                        "the web UI registers its pages on the HTTP server's router",
	{"eventstore/sqlite", "eventstore/loadgen"}: "the store's own benchmark drives it with the shared load generator",
	{"epcis", "notify"}:                         "EPCIS subscription deliveries are signed with the notifier's published webhook signature and headers",
}

// judge says what is wrong with package from importing imp ("" if nothing).
func judge(from, imp string) string {
	if standard(imp) {
		return ""
	}
	to := layer(imp)
	switch layer(from) {
	case "domain":
		if to != "domain" && imp != "github.com/google/uuid" {
			return "domain imports only the standard library and google/uuid"
		}
	case "app":
		if to != "domain" && to != "app" && imp != "github.com/google/uuid" {
			return "app imports only domain and its own ports"
		}
	case "projections":
		if to == "adapters" || to == "cmd" {
			return "projections fold domain events and implement app's read ports: they import domain and app, never adapters or cmd"
		}
	case "adapters":
		if to == "cmd" {
			return "only cmd wires"
		}
		if to == "adapters" {
			a, b := adapterOwner(from), adapterOwner(imp)
			if _, ok := adapterUses[[2]string{a, b}]; a != b && !ok {
				return "an adapter uses another only through a port (or a published contract listed in adapterUses)"
			}
		}
	}
	return ""
}

// TestLayersImportOnlyInward checks the direction of dependencies: domain
// imports the standard library and google/uuid only; app imports domain
// and app; projections import domain and app (the read ports and result
// types they implement), never adapters or cmd; no adapter reaches into
// another adapter except through the published contracts listed in
// adapterUses; nothing but cmd imports cmd.
func TestLayersImportOnlyInward(t *testing.T) {
	var problems []string
	for _, p := range listPackages(t) {
		for _, imp := range p.Imports {
			if why := judge(p.ImportPath, imp); why != "" {
				problems = append(problems, p.ImportPath+" imports "+imp+": "+why)
			}
		}
	}
	sort.Strings(problems)
	for _, pr := range problems {
		t.Error(pr)
	}
}

// TestLayerRuleRefusesOutwardImports keeps the rule honest: it must refuse
// each kind of outward import, allow the inward ones, and see every layer.
func TestLayerRuleRefusesOutwardImports(t *testing.T) {
	m := func(p string) string { return module + "/" + p }
	for _, c := range []struct {
		from, imp string
		refused   bool
	}{
		{m("domain/batch"), "net/http", false},
		{m("domain/batch"), "github.com/google/uuid", false},
		{m("domain/batch"), m("domain/ident"), false},
		{m("domain/batch"), m("app/command"), true},
		{m("domain/batch"), "github.com/prometheus/client_golang/prometheus", true},
		{m("app/command"), m("domain/batch"), false},
		{m("app/command"), m("adapters/httpapi"), true},
		{m("app/query"), m("projections/history"), true},
		{m("projections/history"), m("adapters/httpapi"), true},
		{m("projections/history"), m("app/query"), false},
		{m("projections/history"), m("cmd/traceledger"), true},
		{m("adapters/httpapi"), m("app/command"), false},
		{m("adapters/httpapi"), m("adapters/eventstore/sqlite"), true},
		{m("adapters/eventstore/sqlite"), m("adapters/eventstore/kurrentdb"), true},
		{m("adapters/clickhouse/analytics"), m("adapters/clickhouse"), false},
		{m("adapters/demo"), m("cmd/traceledger"), true},
	} {
		if got := judge(c.from, c.imp) != ""; got != c.refused {
			t.Errorf("%s importing %s: refused = %v, want %v", c.from, c.imp, got, c.refused)
		}
	}
	seen := map[string]bool{}
	for _, p := range listPackages(t) {
		seen[layer(p.ImportPath)] = true
	}
	for _, l := range []string{"domain", "app", "projections", "adapters", "cmd"} {
		if !seen[l] {
			t.Errorf("no package of layer %q listed: the layer rule would judge nothing there", l)
		}
	}
}
