package readside_test

import (
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// ClickHouse dies while the read side answers from it: every read that
// needs it answers that the read side is unavailable, never that what was
// asked for does not exist; once it is back, the same reads answer again.
func TestAClickHouseOutageAnswersUnavailableNotNotFound(t *testing.T) {
	srv := chtest.Start(t)
	st := newStore(t)
	h := command.NewHandlers(st, demo.CommandOptions(1, ""))
	if _, err := demo.Generate(t.Context(), h, st, demo.LargeOptions{Events: 2000, Seed: 1, Now: demoNow}); err != nil {
		t.Fatalf("generate: %v", err)
	}
	f := newFixture(t, srv, st)
	k := logKeys(t, st)
	if len(k.items) == 0 || len(k.batches) == 0 || len(k.enterprises) == 0 {
		t.Fatalf("the ledger names %d items, %d batches, %d enterprises", len(k.items), len(k.batches), len(k.enterprises))
	}
	ctx := t.Context()
	item, b, u := k.items[0], k.batches[0], k.enterprises[0]
	reads := []struct {
		name string
		read func() error
	}{
		{"item history", func() error { _, _, err := f.ch.Item(ctx, item); return err }},
		{"item history page", func() error { _, _, err := f.ch.ItemPage(ctx, item, query.PageSpec{Limit: 10}); return err }},
		{"batch history", func() error { _, _, err := f.ch.BatchPage(ctx, b, query.PageSpec{Limit: 10}); return err }},
		{"enterprise history", func() error {
			_, _, err := f.ch.EnterprisePage(ctx, u, query.PageSpec{Limit: 10, Desc: true})
			return err
		}},
		{"lots of a serial", func() error { _, err := f.ch.LotsOf(ctx, item.GTIN, item.Serial); return err }},
		{"item holder", func() error { _, err := f.ch.ItemHeldBy(ctx, item, u); return err }},
		{"batch holder", func() error { _, err := f.ch.BatchHeldBy(ctx, b, u); return err }},
		{"downstream trace", func() error { _, err := f.chTrace.Downstream(ctx, b.GTIN, b.Lot, nil); return err }},
		{"trace access", func() error { _, err := f.chTrace.Involved(ctx, b.GTIN, b.Lot, u); return err }},
		{"item path without its lot", func() error { _, err := f.chTrace.ItemPath(ctx, item.GTIN, "", item.Serial, nil); return err }},
		{"recall list", func() error { _, err := f.chRecall.Get(ctx, "R-1", demoNow, nil); return err }},
	}
	srv.Kill()
	for _, r := range reads {
		err := r.read()
		var out *query.UnavailableError
		if !errors.As(err, &out) || errors.Is(err, domain.ErrNotFound) {
			t.Errorf("%s during the outage: %v; want the read side unavailable, not an answer", r.name, err)
		}
	}
	srv.Restart()
	deadline := time.Now().Add(time.Minute)
	for {
		_, ok, err := f.ch.Item(ctx, item)
		if err == nil && ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("item history after the restart: %v, found %v", err, ok)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
