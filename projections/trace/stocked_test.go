package trace_test

import (
	"testing"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/trace"
)

// lots are the lots of a stock list, or the list's read failure.
func lots(ss []trace.Stock, err error) []string {
	if err != nil {
		return []string{"failed: " + err.Error()}
	}
	var out []string
	for _, s := range ss {
		out = append(out, s.Lot)
	}
	return out
}

// Alerts read the expiry, recalled and rejected batches: a batch whose
// units nobody holds any more leaves those lists, whichever batch a later
// event applied, and comes back when units return to stock.
func TestABatchNobodyHoldsLeavesTheListsAlertsRead(t *testing.T) {
	reg := func(l string, q int64) batch.Registered {
		return batch.Registered{GTIN: gtin, Lot: l, Quantity: q, ProducedOn: "2026-01-10", ExpiresOn: "2026-07-10", OwnerUSCC: imp, OriginCountry: "FR", Imported: true}
	}
	sold := func(l string, q int64) batch.Sold {
		return batch.Sold{GTIN: gtin, Lot: l, SellerUSCC: imp, Channel: "retail", Units: batch.Units{Quantity: q}}
	}
	envs := envelopes(
		reg("KEPT", 10), reg("GONE", 10), reg("REJ", 5),
		batch.Recalled{GTIN: gtin, Lot: "GONE", RecallID: "r1", Level: 1},
		batch.Cleared{GTIN: gtin, Lot: "REJ", DeclarationNo: "223120261000000009", Decision: batch.DecisionRejected, Reason: "residues"},
		sold("KEPT", 4), sold("GONE", 10), sold("REJ", 5),
	)
	// Fed one event per Apply and all at once, the lists agree.
	one := trace.New()
	defer one.Close()
	for i := range envs {
		if err := one.Apply(envs[i : i+1]); err != nil {
			t.Fatal(err)
		}
	}
	all := fed(t, envs)
	defer all.Close()
	for name, p := range map[string]*trace.Projection{"one by one": one, "in one batch": all} {
		if got := lots(p.ExpiringBy("2026-12-31")); len(got) != 1 || got[0] != "KEPT" {
			t.Errorf("%s: expiring batches %v, want only KEPT (the others are sold out)", name, got)
		}
		if got := lots(p.Recalled()); len(got) != 0 {
			t.Errorf("%s: recalled batches %v, want none held", name, got)
		}
		if got := lots(p.Rejected()); len(got) != 0 {
			t.Errorf("%s: rejected batches %v, want none held", name, got)
		}
	}
	// Units that change hands keep their batch listed: the sender stops
	// holding them and the receiver starts.
	moved := envelopes(
		batch.Shipped{GTIN: gtin, Lot: "KEPT", ShipmentID: "s9", FromUSCC: imp, ToUSCC: ret1, Waybill: "W9", Units: batch.Units{Quantity: 6}},
		batch.Received{GTIN: gtin, Lot: "KEPT", ShipmentID: "s9", ToUSCC: ret1, Units: batch.Units{Quantity: 6}},
		batch.Recalled{GTIN: gtin, Lot: "KEPT", RecallID: "r2", Level: 2},
	)
	for i := range moved {
		moved[i].Position = uint64(len(envs) + 1 + i)
		if err := all.Apply(moved[i : i+1]); err != nil {
			t.Fatal(err)
		}
		if got := lots(all.ExpiringBy("2026-12-31")); len(got) != 1 || got[0] != "KEPT" {
			t.Fatalf("after %s the expiring batches are %v, want KEPT", moved[i].Type, got)
		}
	}
	if got := lots(all.Recalled()); len(got) != 1 || got[0] != "KEPT" {
		t.Errorf("a recall of a held batch lists %v, want KEPT", got)
	}
	// Once the receiver sells them, nobody holds the batch.
	last := envelopes(batch.Sold{GTIN: gtin, Lot: "KEPT", SellerUSCC: ret1, Channel: "retail", Units: batch.Units{Quantity: 6}})
	last[0].Position = uint64(len(envs) + len(moved) + 1)
	if err := all.Apply(last); err != nil {
		t.Fatal(err)
	}
	if got := lots(all.ExpiringBy("2026-12-31")); len(got) != 0 {
		t.Errorf("sold out, the expiring batches are %v, want none", got)
	}
	if got := lots(all.Recalled()); len(got) != 0 {
		t.Errorf("sold out, the recalled batches are %v, want none", got)
	}
}
