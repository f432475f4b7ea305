package history

import (
	"bytes"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
)

// logBuilder makes envelopes at increasing positions, naming some so a test
// can say which positions it expects.
type logBuilder struct {
	envs  []runner.Envelope
	named map[string]uint64
	at    time.Time
}

func newLog() *logBuilder {
	return &logBuilder{named: map[string]uint64{}, at: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)}
}

// add appends ev recorded by actor (a USCC, or "" for a regulator) one hour
// after the previous event, under name (may be "").
func (b *logBuilder) add(name, actor string, ev event.Event) uint64 {
	pos := uint64(len(b.envs) + 1)
	role := "enterprise"
	if actor == "" {
		role = "regulator"
	}
	b.at = b.at.Add(time.Hour)
	b.envs = append(b.envs, runner.Envelope{Record: event.Record{Position: pos, Type: ev.EventType(),
		Metadata: event.Metadata{ActorUSCC: actor, ActorRole: role, OccurredAt: b.at}}, Event: ev})
	if name != "" {
		b.named[name] = pos
	}
	return pos
}

// pos returns the positions of named events, in the order given.
func (b *logBuilder) pos(t *testing.T, names ...string) []uint64 {
	t.Helper()
	out := make([]uint64, len(names))
	for i, n := range names {
		p, ok := b.named[n]
		if !ok {
			t.Fatalf("no event named %q", n)
		}
		out[i] = p
	}
	return out
}

// fold applies the log in batches of size n (0: one batch).
func (b *logBuilder) fold(t *testing.T, n int) *Projection {
	t.Helper()
	p := newModel(t)
	if n <= 0 {
		n = len(b.envs)
	}
	for i := 0; i < len(b.envs); i += n {
		if err := p.Apply(b.envs[i:min(i+n, len(b.envs))]); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// newModel is an empty model in a store of its own, in memory.
func newModel(t testing.TB) *Projection {
	t.Helper()
	db, err := modelstore.Open("", modelstore.Options{CacheBytes: 8 << 20, MemTableBytes: 4 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := New(db.Model("history"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// roundTrip copies p's store, key by key with its position, into a store
// of its own and opens a model over it, as a restart would: whatever p
// keeps in memory must come back from disk. Both must write the same
// snapshot.
func roundTrip(t *testing.T, p *Projection) *Projection {
	t.Helper()
	q := newModel(t)
	pos, err := p.Position()
	if err != nil {
		t.Fatal(err)
	}
	b := q.m.Begin()
	if err := p.m.Scan(nil, nil, false, func(k, v []byte) bool {
		err = b.Set(bytes.Clone(k), bytes.Clone(v))
		return err == nil
	}); err != nil || b.Commit(pos) != nil {
		t.Fatal(err)
	}
	q, err = New(q.m)
	if err != nil {
		t.Fatal(err)
	}
	var first, second bytes.Buffer
	if err := p.Snapshot(&first); err != nil {
		t.Fatal(err)
	}
	if err := q.Snapshot(&second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("the copied model's snapshot differs")
	}
	return q
}

func batchRegistered(gtin, lot, owner string) batch.Registered {
	return batch.Registered{GTIN: gtin, Lot: lot, Quantity: 1, OwnerUSCC: owner, OriginCountry: "CN"}
}

func labelled(gtin, lot, owner string, serials ...string) batch.Labelled {
	return batch.Labelled{GTIN: gtin, Lot: lot, OwnerUSCC: owner, Serials: serials}
}

// reads answers p's queries under t's context as they answered before a
// read could fail: a failed read fails the test.
type reads struct {
	t testing.TB
	p *Projection
}

func read(t testing.TB, p *Projection) reads { return reads{t, p} }

func (r reads) check(err error) {
	r.t.Helper()
	if err != nil {
		r.t.Fatalf("history model read: %v", err)
	}
}

func (r reads) Item(k query.ItemKey) ([]uint64, bool) {
	r.t.Helper()
	ps, ok, err := r.p.Item(r.t.Context(), k)
	r.check(err)
	return ps, ok
}

func (r reads) ItemPage(k query.ItemKey, spec query.PageSpec) (query.PositionPage, bool) {
	r.t.Helper()
	pg, ok, err := r.p.ItemPage(r.t.Context(), k, spec)
	r.check(err)
	return pg, ok
}

func (r reads) BatchPage(k query.BatchKey, spec query.PageSpec) (query.PositionPage, bool) {
	r.t.Helper()
	pg, ok, err := r.p.BatchPage(r.t.Context(), k, spec)
	r.check(err)
	return pg, ok
}

func (r reads) ProductPage(gtin14 string, spec query.PageSpec) (query.PositionPage, bool) {
	r.t.Helper()
	pg, ok, err := r.p.ProductPage(r.t.Context(), gtin14, spec)
	r.check(err)
	return pg, ok
}

func (r reads) EnterprisePage(uscc string, spec query.PageSpec) (query.PositionPage, bool) {
	r.t.Helper()
	pg, ok, err := r.p.EnterprisePage(r.t.Context(), uscc, spec)
	r.check(err)
	return pg, ok
}

func (r reads) LotsOf(gtin14, serial string) []string {
	r.t.Helper()
	lots, err := r.p.LotsOf(r.t.Context(), gtin14, serial)
	r.check(err)
	return lots
}

func (r reads) ItemHeldBy(k query.ItemKey, uscc string) bool {
	r.t.Helper()
	ok, err := r.p.ItemHeldBy(r.t.Context(), k, uscc)
	r.check(err)
	return ok
}

func (r reads) BatchHeldBy(k query.BatchKey, uscc string) bool {
	r.t.Helper()
	ok, err := r.p.BatchHeldBy(r.t.Context(), k, uscc)
	r.check(err)
	return ok
}

func (r reads) ProductHeldBy(gtin14, uscc string) bool {
	r.t.Helper()
	ok, err := r.p.ProductHeldBy(r.t.Context(), gtin14, uscc)
	r.check(err)
	return ok
}

func (r reads) Card(k query.ItemKey, now time.Time) (query.ItemCard, bool) {
	r.t.Helper()
	c, ok, err := r.p.Card(r.t.Context(), k, now)
	r.check(err)
	return c, ok
}

func (r reads) ProductCard(gtin14 string, now time.Time) (query.ProductCard, bool) {
	r.t.Helper()
	c, ok, err := r.p.ProductCard(r.t.Context(), gtin14, now)
	r.check(err)
	return c, ok
}

func (r reads) ItemHolders(k query.ItemKey) []string {
	r.t.Helper()
	hs, err := r.p.ItemHolders(k)
	r.check(err)
	return hs
}

func (r reads) BatchHolders(k query.BatchKey) []string {
	r.t.Helper()
	hs, err := r.p.BatchHolders(k)
	r.check(err)
	return hs
}
