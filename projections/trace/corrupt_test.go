package trace

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
)

// A row the store holds but the model cannot decode fails every list that
// reads it: a list without that batch would look complete.
func TestACorruptRowFailsTheListsThatReadItNotShortensThem(t *testing.T) {
	const owner, shop = "91310000MA1K00001X", "91310000MA1K00002X"
	const gtin = "06901234567892"
	evs := []event.Event{
		batch.Registered{GTIN: gtin, Lot: "L1", Quantity: 5, OwnerUSCC: owner, ExpiresOn: "2026-01-01"},
		batch.Registered{GTIN: gtin, Lot: "L2", Quantity: 5, OwnerUSCC: owner, ExpiresOn: "2026-01-01"},
		batch.Shipped{GTIN: gtin, Lot: "L1", ShipmentID: "S1", FromUSCC: owner, ToUSCC: shop, Units: batch.Units{Quantity: 2}},
		batch.Shipped{GTIN: gtin, Lot: "L2", ShipmentID: "S2", FromUSCC: owner, ToUSCC: shop, Units: batch.Units{Quantity: 2}},
	}
	p := New()
	defer p.Close()
	applyEach(t, p, time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC), evs)
	if bs, err := p.Batches(); err != nil || len(bs) != 2 {
		t.Fatalf("before: %d batches, %v; want both", len(bs), err)
	}
	b := p.m.Begin()
	if err := b.Set(batchKey(pBatch, gtin, "L2"), []byte("not a batch")); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(uint64(len(evs))); err != nil {
		t.Fatal(err)
	}
	if bs, err := p.Batches(); err == nil {
		t.Errorf("every batch: %d and no error; want the corrupt row's", len(bs))
	}
	if bs, err := p.Batches(owner, shop); err == nil {
		t.Errorf("the batches both handled: %d and no error; want the corrupt row's", len(bs))
	}
	if held, err := p.Held(owner); err == nil {
		t.Errorf("the owner's stock: %d batches and no error; want the corrupt row's", len(held))
	}
	if s, err := p.ExpiringBy("2026-12-31"); err == nil {
		t.Errorf("expiring stock: %d batches and no error; want the corrupt row's", len(s))
	}
	if _, err := p.Linked(gtin, "L2", false); err == nil {
		t.Error("a corrupt batch's links: no error")
	}
}
