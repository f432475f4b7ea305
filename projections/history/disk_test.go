package history

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/modelstore"
)

// answers is what the queries say of the scenario, for comparing models.
func answers(t *testing.T, p *Projection) []any {
	t.Helper()
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	var out []any
	for _, s := range []string{"S1", "S2", "S3", "S9"} {
		k := query.ItemKey{GTIN: gtin, Lot: lot, Serial: s}
		ps, ok := read(t, p).Item(k)
		card, cok := read(t, p).Card(k, now)
		desc, _ := read(t, p).ItemPage(k, query.PageSpec{Limit: 2, Desc: true})
		out = append(out, ps, ok, card, cok, desc, read(t, p).ItemHolders(k), read(t, p).ItemHeldBy(k, shopB))
	}
	bk := query.BatchKey{GTIN: gtin, Lot: lot}
	bp, _ := read(t, p).BatchPage(bk, query.PageSpec{Limit: 3, After: 5})
	pp, _ := read(t, p).ProductPage(gtin, query.PageSpec{Desc: true})
	pc, _ := read(t, p).ProductCard(gtin, now)
	for _, e := range []string{imp, dist, shopA, shopB, other} {
		ep, ok := read(t, p).EnterprisePage(e, query.PageSpec{Limit: 4, Desc: true})
		out = append(out, ep, ok)
	}
	return append(out, bp, pp, pc, read(t, p).BatchHolders(bk), read(t, p).BatchHeldBy(bk, shopA), read(t, p).ProductHeldBy(gtin, dist), read(t, p).LotsOf(gtin, "S1"))
}

// The model lives on disk: closed and opened again, it answers the same and
// says how far it got.
func TestTheModelSurvivesAReopenOfItsStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	b := scenario()
	open := func() (*modelstore.DB, *Projection) {
		db, err := modelstore.Open(dir, modelstore.Options{CacheBytes: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		p, err := New(db.Model("history"))
		if err != nil {
			t.Fatal(err)
		}
		return db, p
	}
	db, p := open()
	if err := p.Apply(b.envs); err != nil {
		t.Fatal(err)
	}
	want := answers(t, p)
	var before bytes.Buffer
	p.Snapshot(&before)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, q := open()
	defer db.Close()
	if pos, err := q.Position(); err != nil || pos != uint64(len(b.envs)) {
		t.Fatalf("position after reopen = %d, %v; want %d", pos, err, len(b.envs))
	}
	if got := answers(t, q); !reflect.DeepEqual(got, want) {
		t.Fatalf("after reopen:\n%v\nwant\n%v", got, want)
	}
	var after bytes.Buffer
	q.Snapshot(&after)
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Fatal("the reopened model's keys differ")
	}
	// A batch first mentioned after the reopen gets the next number: its
	// unit S1 is not the first batch's.
	n := len(b.envs)
	reg := b.add("", imp, batchRegistered(gtin, "L2", imp))
	label := b.add("", imp, labelled(gtin, "L2", imp, "S1"))
	if err := q.Apply(b.envs[n:]); err != nil {
		t.Fatal(err)
	}
	if got, _ := read(t, q).Item(query.ItemKey{GTIN: gtin, Lot: lot, Serial: "S1"}); !reflect.DeepEqual(got, want[0]) {
		t.Fatalf("the first batch's S1 after a later batch labelled that serial: %v, want %v", got, want[0])
	}
	if got, ok := read(t, q).Item(query.ItemKey{GTIN: gtin, Lot: "L2", Serial: "S1"}); !ok || !reflect.DeepEqual(got, []uint64{reg, label}) {
		t.Fatalf("the later batch's S1: %v (%v), want [%d %d]", got, ok, reg, label)
	}
	b.envs = b.envs[:n]
	// A reset model records its layout again: the next open keeps what a
	// rebuild writes instead of emptying it as another layout's.
	q.Reset()
	if err := q.Apply(b.envs); err != nil {
		t.Fatal(err)
	}
	if reset, err := q.m.Layout(layout); err != nil || reset {
		t.Fatalf("after a reset the layout check empties the model (%v)", err)
	}
}

// However the log is cut into batches (live, event by event, or a rebuild's
// pages), the model ends with the same keys and answers.
func TestBatchSizeChangesNothingOnDisk(t *testing.T) {
	b := scenario()
	whole := b.fold(t, 0)
	var want bytes.Buffer
	whole.Snapshot(&want)
	for _, n := range []int{1, 3, 7} {
		p := b.fold(t, n)
		var got bytes.Buffer
		p.Snapshot(&got)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("batches of %d: the model's keys differ from one batch's", n)
		}
		if !reflect.DeepEqual(answers(t, p), answers(t, whole)) {
			t.Errorf("batches of %d: answers differ", n)
		}
	}
}
