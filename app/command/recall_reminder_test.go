package command_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/recall"
)

// TestARecallReminderGoesToTheHoldersWhoHaveNotAcknowledged: two shops hold
// units of a two-batch recall, one acknowledges; the reminder names the
// other only, at the ledger's clock (not the occurred_at claimed), and a
// second reminder within the hour is refused.
func TestARecallReminderGoesToTheHoldersWhoHaveNotAcknowledged(t *testing.T) {
	const maker, shopA, shopB, g = "91310000MA1FL0000N", "91440300MA5DC0000Y", "91440101MA59TE000A", "6901234567892"
	clock := time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
	store := &conflictingStore{}
	h := command.NewHandlers(store, command.Options{Now: func() time.Time { return clock }})
	ctx := t.Context()
	must := func(out command.Outcome, err error) command.Outcome {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: maker, Name: "M", Region: "浙江", Roles: []string{"manufacturer"}}))
	for _, u := range []string{shopA, shopB} {
		must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: u, Name: "S" + u[:2], Region: "广东", Roles: []string{"retailer"}}))
	}
	must(h.RegisterProduct(ctx, regulator, command.RegisterProduct{GTIN: g, Name: "P", Brand: "B", Spec: "1", Category: "dairy",
		OriginCountry: "CN", Manufacturer: "M", OwnerUSCC: maker, ShelfLifeDays: 900}))
	for _, l := range []string{"L1", "L2"} {
		must(h.RegisterBatch(ctx, regulator, command.RegisterBatch{GTIN: g, Lot: l, Quantity: 10, ProducedOn: "2026-05-01", ExpiresOn: "2027-05-01", OwnerUSCC: maker}))
	}
	for i, to := range []string{shopA, shopB} {
		l := "L" + string(rune('1'+i))
		sh := must(h.Ship(ctx, regulator, command.Ship{FromUSCC: maker, ToUSCC: to, Waybill: "W" + l, Lines: []command.QuantityLine{{GTIN: g, Lot: l, Quantity: 3}}}))
		must(h.ConfirmReceipt(ctx, regulator, command.ConfirmReceipt{ShipmentID: sh.ShipmentID}))
	}
	r := must(h.StartRecall(ctx, access.Actor{Role: access.RoleEnterprise, USCC: maker}, command.StartRecall{
		Batches: []command.BatchRef{{GTIN: g, Lot: "L1"}, {GTIN: g, Lot: "L2"}}, Level: 2, Reason: "label", InitiatedByUSCC: maker}))
	must(h.AcknowledgeRecallNotice(ctx, access.Actor{Role: access.RoleEnterprise, USCC: shopA}, command.AcknowledgeRecallNotice{RecallID: r.RecallID, HolderUSCC: shopA}))

	claimed := clock.Add(time.Minute)
	must(h.RemindRecallHolders(ctx, regulator, command.RemindRecallHolders{Common: command.Common{OccurredAt: &claimed}, RecallID: r.RecallID, Note: "please acknowledge"}))
	recs := store.streams[recall.Stream(r.RecallID)]
	last := recs[len(recs)-1]
	var ev recall.HoldersReminded
	if err := json.Unmarshal(last.Data, &ev); err != nil || last.Type != recall.TypeHoldersReminded {
		t.Fatalf("last event %s %s (%v), want %s", last.Type, last.Data, err, recall.TypeHoldersReminded)
	}
	if len(ev.HolderUSCCs) != 1 || ev.HolderUSCCs[0] != shopB || ev.RemindedAt != "2026-05-04T09:00:00Z" || ev.Note != "please acknowledge" {
		t.Fatalf("reminded %+v, want %s alone at the ledger's clock", ev, shopB)
	}

	clock = clock.Add(10 * time.Minute)
	if _, err := h.RemindRecallHolders(ctx, regulator, command.RemindRecallHolders{RecallID: r.RecallID}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("a second reminder 10 minutes later: %v, want a conflict", err)
	}
	if _, err := h.RemindRecallHolders(ctx, access.Actor{Role: access.RoleEnterprise, USCC: shopA}, command.RemindRecallHolders{RecallID: r.RecallID}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("a holder reminding: %v, want not found", err)
	}
}
