package readside_test

import (
	"encoding/json"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// collect adds the keys an event names.
func collect(k *keys, env runner.Envelope, add func(*[]string, string), seen map[string]bool) {
	switch ev := env.Event.(type) {
	case enterprise.Registered:
		add(&k.enterprises, ev.USCC)
	case product.Registered:
		add(&k.products, ev.GTIN)
	case batch.Registered:
		if !seen["batch\x00"+ev.GTIN+ev.Lot] {
			seen["batch\x00"+ev.GTIN+ev.Lot] = true
			k.batches = append(k.batches, query.BatchKey{GTIN: ev.GTIN, Lot: ev.Lot})
		}
	case batch.Labelled:
		for _, s := range ev.Serials {
			k.items = append(k.items, query.ItemKey{GTIN: ev.GTIN, Lot: ev.Lot, Serial: s})
		}
	case recall.Started:
		add(&k.recalls, ev.RecallID)
	}
}

// same fails the test when the two answers differ, showing both.
func same(t *testing.T, what string, embedded, ch any) bool {
	t.Helper()
	if reflect.DeepEqual(embedded, ch) {
		return true
	}
	a, _ := json.Marshal(embedded)
	b, _ := json.Marshal(ch)
	t.Errorf("%s: the answers differ\nembedded:   %.2000s\nclickhouse: %.2000s", what, a, b)
	return false
}

// specs are the pages a history is asked in: whole, a page at a time
// forwards and backwards, and within a time range.
func specs(k keys) []query.PageSpec {
	mid := k.from.Add(k.to.Sub(k.from) / 2)
	return []query.PageSpec{
		{},
		{Limit: 7},
		{Limit: 7, Desc: true},
		{Limit: 3, From: k.from.Add(k.to.Sub(k.from) / 4), To: mid},
		{Desc: true, From: mid},
		{Limit: 1000, To: mid.Add(time.Millisecond)},
	}
}

// pages walks every page of a history in spec's order through model and
// answers them all, so that a missing row anywhere shows.
func pages(spec query.PageSpec, page func(query.PageSpec) (query.PositionPage, bool, error)) []any {
	var out []any
	for range 20 { // the whole history is compared by the spec without a limit
		pg, ok, err := page(spec)
		out = append(out, pg, ok, errText(err))
		if err != nil || pg.Next == 0 {
			return out
		}
		spec.After = pg.Next
	}
	return out
}

// holders reads a list of holders from the embedded model, failing the
// test when the model cannot read it.
func holders(t *testing.T) func([]string, error) []string {
	return func(hs []string, err error) []string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return hs
	}
}

func assertHistoriesEqual(t *testing.T, f *fixture, k keys) {
	t.Helper()
	ctx := t.Context()
	ss := specs(k)
	for _, u := range append(k.enterprises, "91110000000000000X") {
		for _, s := range ss {
			same(t, "enterprise history "+u, pages(s, func(s query.PageSpec) (query.PositionPage, bool, error) { return f.history.EnterprisePage(ctx, u, s) }),
				pages(s, func(s query.PageSpec) (query.PositionPage, bool, error) { return f.ch.EnterprisePage(ctx, u, s) }))
		}
	}
	for _, g := range append(k.products, "00000000000000") {
		for _, s := range ss {
			same(t, "product history "+g, pages(s, func(s query.PageSpec) (query.PositionPage, bool, error) { return f.history.ProductPage(ctx, g, s) }),
				pages(s, func(s query.PageSpec) (query.PositionPage, bool, error) { return f.ch.ProductPage(ctx, g, s) }))
		}
		for _, u := range k.enterprises {
			same(t, "product "+g+" held by "+u, ans(f.history.ProductHeldBy(ctx, g, u)), ans(f.ch.ProductHeldBy(ctx, g, u)))
		}
	}
	for _, b := range append(k.batches, query.BatchKey{GTIN: "00000000000000", Lot: "NONE"}) {
		for _, s := range ss {
			same(t, "batch history "+b.GTIN+"/"+b.Lot, pages(s, func(s query.PageSpec) (query.PositionPage, bool, error) { return f.history.BatchPage(ctx, b, s) }),
				pages(s, func(s query.PageSpec) (query.PositionPage, bool, error) { return f.ch.BatchPage(ctx, b, s) }))
		}
		for _, u := range append(holders(t)(f.history.BatchHolders(b)), k.enterprises[:min(8, len(k.enterprises))]...) {
			same(t, "batch "+b.Lot+" held by "+u, ans(f.history.BatchHeldBy(ctx, b, u)), ans(f.ch.BatchHeldBy(ctx, b, u)))
		}
	}
	parallel(k.items, func(i int, it query.ItemKey) {
		name := it.GTIN + "/" + it.Lot + "/" + it.Serial
		if !same(t, "item history "+name, ans2(f.history.Item(ctx, it)), ans2(f.ch.Item(ctx, it))) {
			return
		}
		same(t, "lots of "+name, ans(f.history.LotsOf(ctx, it.GTIN, it.Serial)), ans(f.ch.LotsOf(ctx, it.GTIN, it.Serial)))
		for _, u := range append(holders(t)(f.history.ItemHolders(it)), k.enterprises[i%len(k.enterprises)]) {
			same(t, "item "+name+" held by "+u, ans(f.history.ItemHeldBy(ctx, it, u)), ans(f.ch.ItemHeldBy(ctx, it, u)))
		}
		if i%10 == 0 { // every tenth item, each way of paging
			for _, s := range ss {
				same(t, "item history pages "+name, pages(s, func(s query.PageSpec) (query.PositionPage, bool, error) { return f.history.ItemPage(ctx, it, s) }),
					pages(s, func(s query.PageSpec) (query.PositionPage, bool, error) { return f.ch.ItemPage(ctx, it, s) }))
			}
		}
	})
	missing := query.ItemKey{GTIN: "00000000000000", Lot: "NONE", Serial: "1"}
	same(t, "an item never labelled", pages(query.PageSpec{}, func(s query.PageSpec) (query.PositionPage, bool, error) { return f.history.ItemPage(ctx, missing, s) }),
		pages(query.PageSpec{}, func(s query.PageSpec) (query.PositionPage, bool, error) { return f.ch.ItemPage(ctx, missing, s) }))
}

func assertTracesEqual(t *testing.T, f *fixture, k keys) {
	t.Helper()
	ctx := t.Context()
	names := f.dir.Names()
	answer := func(g query.TraceGraph, err error) []any { return []any{g, errText(err)} }
	for _, b := range append(k.batches, query.BatchKey{GTIN: "00000000000000", Lot: "NONE"}) {
		name := b.GTIN + "/" + b.Lot
		same(t, "trace down "+name, answer(f.trace.Downstream(ctx, b.GTIN, b.Lot, names)), answer(f.chTrace.Downstream(ctx, b.GTIN, b.Lot, names)))
		same(t, "trace up "+name, answer(f.trace.Upstream(ctx, b.GTIN, b.Lot, names)), answer(f.chTrace.Upstream(ctx, b.GTIN, b.Lot, names)))
		for _, u := range append(holders(t)(f.history.BatchHolders(b)), k.enterprises[:min(8, len(k.enterprises))]...) {
			same(t, "trace of "+name+" involves "+u, ans(f.trace.Involved(ctx, b.GTIN, b.Lot, u)), ans(f.chTrace.Involved(ctx, b.GTIN, b.Lot, u)))
		}
		same(t, "tallies of "+name, ans2(f.trace.Tallies(ctx, b.GTIN, b.Lot)), ans2(f.chTrace.Tallies(ctx, b.GTIN, b.Lot)))
	}
	path := func(p query.ItemPath, err error) []any { return []any{p, errText(err)} }
	parallel(k.items, func(i int, it query.ItemKey) {
		if i%5 != 0 {
			return
		}
		name := it.GTIN + "/" + it.Lot + "/" + it.Serial
		same(t, "path of "+name, path(f.trace.ItemPath(ctx, it.GTIN, it.Lot, it.Serial, names)), path(f.chTrace.ItemPath(ctx, it.GTIN, it.Lot, it.Serial, names)))
		same(t, "path of "+name+" without its lot", path(f.trace.ItemPath(ctx, it.GTIN, "", it.Serial, names)), path(f.chTrace.ItemPath(ctx, it.GTIN, "", it.Serial, names)))
	})
}

func assertRecallListsEqual(t *testing.T, f *fixture, k keys) {
	t.Helper()
	ctx := t.Context()
	dir := f.dir.Contacts()
	list := func(l query.RecallList, err error) []any { return []any{l, errText(err)} }
	for _, id := range append(k.recalls, "no-such-recall") {
		for _, now := range []time.Time{demoNow, demoNow.AddDate(0, 3, 0)} {
			same(t, "recall list "+id, list(f.recalls.Get(ctx, id, now, dir)), list(f.chRecall.Get(ctx, id, now, dir)))
		}
	}
}

// parallel runs fn over xs on a few goroutines: the comparisons are many
// small queries.
func parallel[X any](xs []X, fn func(int, X)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range 6 {
		wg.Go(func() {
			for i := range next {
				fn(i, xs[i])
			}
		})
	}
	for i := range xs {
		next <- i
	}
	close(next)
	wg.Wait()
}

// ans and ans2 are an answer with its error's text, to compare whole.
func ans[A any](a A, err error) []any { return []any{a, errText(err)} }

func ans2[A, B any](a A, b B, err error) []any { return []any{a, b, errText(err)} }

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestEveryHistoryTraceAndRecallListOfTheDemoIsAnsweredFromClickHouseAsEmbedded(t *testing.T) {
	f := demoFixture(t)
	k := logKeys(t, f.store)
	if len(k.items) == 0 || len(k.recalls) == 0 || len(k.batches) == 0 {
		t.Fatalf("the demo names %d items, %d batches, %d recalls: the comparison would prove nothing", len(k.items), len(k.batches), len(k.recalls))
	}
	t.Logf("%d events: %d enterprises, %d products, %d batches, %d items, %d recalls", f.head, len(k.enterprises), len(k.products), len(k.batches), len(k.items), len(k.recalls))
	t.Run("histories", func(t *testing.T) { assertHistoriesEqual(t, f, k) })
	t.Run("traces", func(t *testing.T) { assertTracesEqual(t, f, k) })
	t.Run("recall lists", func(t *testing.T) { assertRecallListsEqual(t, f, k) })
}

func TestEveryHistoryTraceAndRecallListOfAGeneratedLedgerIsAnsweredFromClickHouseAsEmbedded(t *testing.T) {
	f := generatedFixture(t, 20000)
	k := logKeys(t, f.store)
	t.Logf("%d events: %d enterprises, %d products, %d batches, %d items, %d recalls", f.head, len(k.enterprises), len(k.products), len(k.batches), len(k.items), len(k.recalls))
	t.Run("histories", func(t *testing.T) { assertHistoriesEqual(t, f, k) })
	t.Run("traces", func(t *testing.T) { assertTracesEqual(t, f, k) })
	t.Run("recall lists", func(t *testing.T) { assertRecallListsEqual(t, f, k) })
}
