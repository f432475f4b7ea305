package trace_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
)

// A replay of the log through the runner builds the same bytes as folding
// it one event at a time: the models do not depend on batch boundaries.
func TestReplayIsIdenticalWhateverTheBatches(t *testing.T) {
	store := sqlitetest.Open(t)
	// The ledger's clock reads a day in the batch's shelf life: expired
	// goods are not sold.
	clock := func() time.Time { return time.Date(2026, 5, 5, 2, 0, 0, 0, time.UTC) }
	record(t, command.NewHandlers(store, command.Options{Now: clock}))

	tr1 := trace.New()
	rl1 := recalllist.New(tr1)
	if _, err := runner.Rebuild(t.Context(), store, "", nil, tr1, rl1); err != nil {
		t.Fatal(err)
	}
	tr2 := trace.New()
	rl2 := recalllist.New(tr2)
	recs, err := store.ReadAll(t.Context(), 0, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		env, err := runner.Decode(rec)
		if err != nil {
			t.Fatal(err)
		}
		tr2.Apply([]runner.Envelope{env})
		rl2.Apply([]runner.Envelope{env})
	}
	for _, pair := range [][2]runner.Projection{{tr1, tr2}, {rl1, rl2}} {
		var a, b bytes.Buffer
		runner.Dump(&a, pair[0])
		runner.Dump(&b, pair[1])
		if a.Len() < 100 || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("%s differs between a replay and a fold event by event\n%s\n%s", pair[0].Name(), a.Bytes(), b.Bytes())
		}
	}
}

// record: a manufacturer labels and ships to a shop, which sells; a recall
// follows with a return.
func record(t *testing.T, h *command.Handlers) {
	ctx, reg := t.Context(), access.Actor{Role: access.RoleRegulator}
	u := func(p string) string { v, _ := ident.NewUSCC(p); return v.String() }
	maker, shop := u("91330100MA2H00000"), u("91330100MA2H00001")
	const g, l = "6901234567892", "R1"
	q := []command.QuantityLine{{GTIN: g, Lot: l, Quantity: 5}}
	steps := []func() (command.Outcome, error){
		func() (command.Outcome, error) {
			return h.RegisterEnterprise(ctx, reg, command.RegisterEnterprise{USCC: maker, Name: "M", Region: "浙江", Roles: []string{"manufacturer"}})
		},
		func() (command.Outcome, error) {
			return h.RegisterEnterprise(ctx, reg, command.RegisterEnterprise{USCC: shop, Name: "S", Region: "浙江", Roles: []string{"retailer"}})
		},
		func() (command.Outcome, error) {
			return h.RegisterProduct(ctx, reg, command.RegisterProduct{GTIN: g, Name: "P", Brand: "B", Spec: "1", Category: "dairy", OriginCountry: "CN", Manufacturer: "M", OwnerUSCC: maker, ShelfLifeDays: 9})
		},
		func() (command.Outcome, error) {
			return h.RegisterBatch(ctx, reg, command.RegisterBatch{GTIN: g, Lot: l, Quantity: 30, ProducedOn: "2026-05-01", ExpiresOn: "2026-05-10", OwnerUSCC: maker})
		},
		func() (command.Outcome, error) {
			return h.ApplyLabels(ctx, reg, command.ApplyLabels{GTIN: g, Lot: l, OwnerUSCC: maker, Serials: []string{"x1", "x2", "x3"}})
		},
	}
	for _, s := range steps {
		if _, err := s(); err != nil {
			t.Fatal(err)
		}
	}
	codes := []string{"/01/0" + g + "/10/" + l + "/21/x1", "/01/0" + g + "/10/" + l + "/21/x2"}
	out, err := h.Ship(ctx, reg, command.Ship{FromUSCC: maker, ToUSCC: shop, Waybill: "W", Items: codes, Lines: q})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.ConfirmReceipt(ctx, reg, command.ConfirmReceipt{ShipmentID: out.ShipmentID}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Sell(ctx, reg, command.Sell{SellerUSCC: shop, Channel: "门店", Items: codes[:1], Lines: q[:1]}); err != nil {
		t.Fatal(err)
	}
	r, err := h.StartRecall(ctx, reg, command.StartRecall{Batches: []command.BatchRef{{GTIN: g, Lot: l}}, Level: 2, Reason: "r", InitiatedByUSCC: maker})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.RecordRecallReturn(ctx, reg, command.RecordRecallReturn{RecallID: r.RecallID, HolderUSCC: shop, Items: codes[1:], Quantity: 2, Disposition: "returned"}); err != nil {
		t.Fatal(err)
	}
}
