package search_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/search"
)

// demoItems is the demo's scale here: small for every go test, the default
// demo when TRACELEDGER_SEARCH_DEMO_ITEMS says so (its index size and
// rates are logged).
func demoItems(t *testing.T) int {
	if s := os.Getenv("TRACELEDGER_SEARCH_DEMO_ITEMS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("TRACELEDGER_SEARCH_DEMO_ITEMS: %v", err)
		}
		return n
	}
	return 600
}

// TestDemoLedgerIsFoundByNameCodeAndNumber appends the real demo data set
// through the command handlers, rebuilds the search model with the runner,
// reopens it as serve does, and searches it as a regulator would.
func TestDemoLedgerIsFoundByNameCodeAndNumber(t *testing.T) {
	if testing.Short() {
		t.Skip("appends a demo data set")
	}
	ctx := t.Context()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "ledger.db"), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The demo records a simulated past: each command is judged at its
	// occurred_at, as the demo command runs it.
	h := command.NewHandlers(st, demo.CommandOptions(1, "https://id.example.cn"))
	if _, err := demo.Run(ctx, h, demo.Options{Items: demoItems(t), Seed: 1, Now: time.Date(2026, 6, 15, 9, 30, 0, 0, time.UTC)}); err != nil {
		t.Fatalf("demo: %v", err)
	}

	index, snaps := filepath.Join(dir, "search"), filepath.Join(dir, "projections")
	p, err := search.New(index)
	if err != nil {
		t.Fatal(err)
	}
	res, err := runner.Rebuild(ctx, st, snaps, nil, p)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := p.Count()
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	t.Logf("demo: %d events, %d documents indexed in %v (%.0f events/s), index %.1f MB", res.Events, docs,
		res.Elapsed.Round(time.Millisecond), res.PerSecond(), float64(search.IndexBytes(index))/1e6)

	// Reopened as serve does: the runner resets the model, then restores
	// its snapshot, and the index must not be emptied by the reset.
	p, err = search.New(index)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := runner.New(st, runner.Options{Dir: snaps}, p).Load(); err != nil {
		t.Fatalf("load: %v", err)
	}
	if p.Position() != res.Position {
		t.Fatalf("restored at %d, want %d", p.Position(), res.Position)
	}

	var furui, anyUSCC, declNo string
	recs, err := readAll(t, st)
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		switch rec.Type {
		case enterprise.TypeRegistered:
			var e enterprise.Registered
			json.Unmarshal(rec.Data, &e)
			if strings.Contains(e.Name, "福瑞") && furui == "" {
				furui = e.USCC
			}
			anyUSCC = e.USCC
		case customs.TypeDeclared:
			var d customs.Declared
			json.Unmarshal(rec.Data, &d)
			declNo = d.DeclarationNo
		}
	}
	first := func(text string) search.Hit {
		r, err := p.Search(ctx, search.Query{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Hits) == 0 {
			t.Fatalf("%s: no hits", text)
		}
		return r.Hits[0]
	}
	if furui != "" {
		if h := first("福瑞"); h.ID != furui {
			t.Errorf("福瑞: first hit %s %s (%s), want the demo's 福瑞 enterprise %s", h.Kind, h.ID, h.Title, furui)
		}
	}
	if h := first(anyUSCC); h.Kind != search.KindEnterprise || h.ID != anyUSCC {
		t.Errorf("%s: first hit %s %s, want that enterprise", anyUSCC, h.Kind, h.ID)
	}
	if declNo != "" {
		if h := first(declNo); h.Kind != search.KindDeclaration || h.ID != declNo {
			t.Errorf("%s: first hit %s %s, want that declaration", declNo, h.Kind, h.ID)
		}
	}
	lat, err := search.MeasureQueries(ctx, p, search.SyntheticQueries(), 20)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo: %v", lat)
}

func readAll(t *testing.T, st event.Store) ([]event.Record, error) {
	var out []event.Record
	for {
		var after uint64
		if len(out) > 0 {
			after = out[len(out)-1].Position
		}
		recs, err := st.ReadAll(t.Context(), after, 5000)
		if err != nil {
			return nil, err
		}
		out = append(out, recs...)
		if len(recs) < 5000 {
			return out, nil
		}
	}
}

func TestMeasureBuildIndexesEverySyntheticDocument(t *testing.T) {
	const docs = 3000
	b, l, err := search.MeasureBuildAndQueries(t.Context(), t.TempDir(), docs, 5)
	if err != nil {
		t.Fatal(err)
	}
	if b.Docs != docs || b.DocsPerSec <= 0 || b.BaselineDocsPerSec <= 0 || b.IndexBytes <= 0 {
		t.Errorf("build: %+v, want %d documents and positive rates and size", b, docs)
	}
	if l.Queries != 5*len(search.SyntheticQueries()) || l.P50 <= 0 || l.P99 < l.P50 {
		t.Errorf("queries: %+v", l)
	}
	t.Log(b)
	t.Log(l)
}
