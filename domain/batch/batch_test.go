package batch_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
)

const (
	gtin = "12312312312333"
	lot  = "L1"
)

func uscc(t *testing.T, prefix string) ident.USCC {
	t.Helper()
	u, err := ident.NewUSCC(prefix)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func serials(t *testing.T, ss ...string) []ident.Serial {
	t.Helper()
	out := make([]ident.Serial, len(ss))
	for i, s := range ss {
		v, err := ident.ParseSerial(s)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = v
	}
	return out
}

// world is the cast of the batch tests: an importer, a distributor and a
// retailer, and the events that put goods in their hands.
type world struct {
	importer, distributor, retailer ident.USCC
}

func newWorld(t *testing.T) world {
	return world{
		importer:    uscc(t, "91310000MA1FL0000"),
		distributor: uscc(t, "91440300MA5DC0000"),
		retailer:    uscc(t, "91110105MA0011000"),
	}
}

func (w world) registered(imported bool) batch.Registered {
	origin := "CN"
	if imported {
		origin = "FR"
	}
	return batch.Registered{GTIN: gtin, Lot: lot, Quantity: 10, ProducedOn: "2026-01-01", ExpiresOn: "2027-01-01",
		OwnerUSCC: w.importer.String(), OriginCountry: origin, Imported: imported}
}

func (w world) labelled(ss ...string) batch.Labelled {
	return batch.Labelled{GTIN: gtin, Lot: lot, OwnerUSCC: w.importer.String(), Serials: ss}
}

func (w world) released() batch.Cleared {
	return batch.Cleared{GTIN: gtin, Lot: lot, DeclarationNo: "531620261000000001", Decision: batch.DecisionReleased}
}

func (w world) shipped(id string, from, to ident.USCC, u batch.Units) batch.Shipped {
	return batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: id, FromUSCC: from.String(), ToUSCC: to.String(), Waybill: "SF1", Units: u}
}

func (w world) received(id string, to ident.USCC, u batch.Units) batch.Received {
	return batch.Received{GTIN: gtin, Lot: lot, ShipmentID: id, ToUSCC: to.String(), Units: u}
}

func load(t *testing.T, events ...event.Event) *batch.Batch {
	t.Helper()
	b := Loaded(t, batch.Load, "batch-"+gtin+"-"+lot, events...)
	return b
}

func TestRegister(t *testing.T) {
	w := newWorld(t)
	g, _ := ident.ParseGTIN(gtin)
	l, _ := ident.ParseLot(lot)
	q, _ := ident.NewQuantity(10)
	fr, _ := ident.ParseCountry("FR")
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	spec := batch.Spec{GTIN: g, Lot: l, Quantity: q, ProducedOn: day("2026-01-01"), ExpiresOn: day("2027-01-01"), Owner: w.importer, Origin: fr}

	t.Run("imported batch", func(t *testing.T) {
		b := load(t)
		Then(t, b, b.Register(spec), nil, w.registered(true))
	})
	t.Run("registered once", func(t *testing.T) {
		b := load(t, w.registered(true))
		Then(t, b, b.Register(spec), domain.ErrConflict)
	})
	t.Run("expiry before production", func(t *testing.T) {
		bad := spec
		bad.ExpiresOn = day("2025-01-01")
		b := load(t)
		Then(t, b, b.Register(bad), domain.ErrInvalid)
	})
}

func TestLabel(t *testing.T) {
	w := newWorld(t)
	t.Run("labels units the owner holds", func(t *testing.T) {
		b := load(t, w.registered(false))
		Then(t, b, b.Label(w.importer, serials(t, "A", "B")), nil, w.labelled("A", "B"))
	})
	t.Run("a serial is labelled once", func(t *testing.T) {
		b := load(t, w.registered(false), w.labelled("A"))
		Then(t, b, b.Label(w.importer, serials(t, "A")), domain.ErrConflict)
	})
	t.Run("a serial twice in one command", func(t *testing.T) {
		b := load(t, w.registered(false))
		Then(t, b, b.Label(w.importer, serials(t, "A", "A")), domain.ErrConflict)
	})
	t.Run("not more labels than unlabelled units held", func(t *testing.T) {
		b := load(t, w.registered(false))
		ss := make([]string, 11)
		for i := range ss {
			ss[i] = string(rune('A' + i))
		}
		Then(t, b, b.Label(w.importer, serials(t, ss...)), domain.ErrConflict)
	})
	t.Run("somebody else's units", func(t *testing.T) {
		b := load(t, w.registered(false))
		Then(t, b, b.Label(w.retailer, serials(t, "A")), domain.ErrConflict)
	})
}

func TestShip(t *testing.T) {
	w := newWorld(t)
	items := batch.Units{Serials: []string{"A"}}
	qty := batch.Units{Quantity: 3}
	cases := []struct {
		name    string
		given   []event.Event
		from    ident.USCC
		units   batch.Units
		wantErr error
	}{
		{"domestic goods ship", []event.Event{w.registered(false), w.labelled("A")}, w.importer, items, nil},
		{"released imported goods ship", []event.Event{w.registered(true), w.labelled("A"), w.released()}, w.importer, items, nil},
		{"imported goods not released", []event.Event{w.registered(true), w.labelled("A")}, w.importer, items, domain.ErrConflict},
		{"rejected by customs", []event.Event{w.registered(true), batch.Cleared{GTIN: gtin, Lot: lot, DeclarationNo: "531620261000000001", Decision: batch.DecisionRejected}}, w.importer, qty, domain.ErrConflict},
		{"recalled batch", []event.Event{w.registered(false), batch.Recalled{GTIN: gtin, Lot: lot, RecallID: "r1", Level: 2}}, w.importer, qty, domain.ErrConflict},
		{"item not held by the sender", []event.Event{w.registered(false), w.labelled("A")}, w.distributor, items, domain.ErrConflict},
		{"more units than held", []event.Event{w.registered(false)}, w.importer, batch.Units{Quantity: 11}, domain.ErrConflict},
		{"unknown item", []event.Event{w.registered(false)}, w.importer, items, domain.ErrNotFound},
		{"item already in transit", []event.Event{w.registered(false), w.labelled("A"), w.shipped("s0", w.importer, w.distributor, items)}, w.importer, items, domain.ErrConflict},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := load(t, c.given...)
			err := b.Ship("s1", c.from, w.retailer, "SF1", c.units)
			Then(t, b, err, c.wantErr, w.shipped("s1", c.from, w.retailer, c.units))
		})
	}
}

func TestReceive(t *testing.T) {
	w := newWorld(t)
	u := batch.Units{Serials: []string{"A"}, Quantity: 2}
	given := []event.Event{w.registered(false), w.labelled("A"), w.shipped("s1", w.importer, w.distributor, u)}
	t.Run("the receiver confirms", func(t *testing.T) {
		b := load(t, given...)
		Then(t, b, b.Receive("s1", w.distributor, batch.ReceiptTerms{}), nil, w.received("s1", w.distributor, u))
		if h, st, _ := b.ItemHolder("A"); h != w.distributor.String() || st != batch.StateInStock {
			t.Fatalf("item A at %s in state %d, want at the distributor in stock", h, st)
		}
	})
	t.Run("only the receiver", func(t *testing.T) {
		b := load(t, given...)
		Then(t, b, b.Receive("s1", w.retailer, batch.ReceiptTerms{}), domain.ErrForbidden)
	})
	t.Run("once", func(t *testing.T) {
		b := load(t, append(given, w.received("s1", w.distributor, u))...)
		Then(t, b, b.Receive("s1", w.distributor, batch.ReceiptTerms{}), domain.ErrConflict)
	})
}

func TestSell(t *testing.T) {
	w := newWorld(t)
	items := batch.Units{Serials: []string{"A"}}
	atRetailer := func(imported bool, more ...event.Event) []event.Event {
		ev := []event.Event{w.registered(imported), w.labelled("A", "B")}
		if imported {
			ev = append(ev, w.released())
		}
		u := batch.Units{Serials: []string{"A", "B"}, Quantity: 5}
		ev = append(ev, w.shipped("s1", w.importer, w.retailer, u), w.received("s1", w.retailer, u))
		return append(ev, more...)
	}
	sold := func(u batch.Units) batch.Sold {
		return batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: w.retailer.String(), Channel: "retail", Units: u}
	}
	certified := batch.SaleTerms{Certificate: product.StatusIssued}
	cases := []struct {
		name    string
		given   []event.Event
		seller  ident.USCC
		units   batch.Units
		terms   batch.SaleTerms
		wantErr error
	}{
		{"an item the retailer holds", atRetailer(false), w.retailer, items, batch.SaleTerms{}, nil},
		{"a quantity the retailer holds", atRetailer(true), w.retailer, batch.Units{Quantity: 5}, certified, nil},
		{"an item is sold once", atRetailer(false, sold(items)), w.retailer, items, batch.SaleTerms{}, domain.ErrConflict},
		{"more than held", atRetailer(false), w.retailer, batch.Units{Quantity: 6}, batch.SaleTerms{}, domain.ErrConflict},
		{"nobody sells what they do not hold", atRetailer(false), w.distributor, items, batch.SaleTerms{}, domain.ErrConflict},
		{"imported goods before release", []event.Event{w.registered(true), w.labelled("A")}, w.importer, items, batch.SaleTerms{}, domain.ErrConflict},
		{"recalled batch", atRetailer(false, batch.Recalled{GTIN: gtin, Lot: lot, RecallID: "r1", Level: 1}), w.retailer, items, batch.SaleTerms{}, domain.ErrConflict},
		{"revoked certificate", atRetailer(true), w.retailer, items, batch.SaleTerms{Certificate: product.StatusRevoked}, domain.ErrConflict},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := load(t, c.given...)
			err := b.Sell(c.seller, "retail", c.units, c.terms)
			Then(t, b, err, c.wantErr, batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: c.seller.String(), Channel: "retail", Units: c.units})
		})
	}
}

func TestReturn(t *testing.T) {
	w := newWorld(t)
	recalled := batch.Recalled{GTIN: gtin, Lot: lot, RecallID: "r1", Level: 2}
	returned := func(holder ident.USCC, u batch.Units) batch.Returned {
		return batch.Returned{GTIN: gtin, Lot: lot, RecallID: "r1", HolderUSCC: holder.String(), Disposition: batch.DispositionReturned, Units: u}
	}
	t.Run("holder returns stock", func(t *testing.T) {
		b := load(t, w.registered(false), w.labelled("A"), recalled)
		u := batch.Units{Serials: []string{"A"}, Quantity: 9}
		Then(t, b, b.Return("r1", w.importer, batch.DispositionReturned, u), nil, returned(w.importer, u))
		for _, tl := range b.Tallies() {
			if tl.Outstanding() != 0 {
				t.Fatalf("outstanding after full return: %+v", tl)
			}
		}
	})
	t.Run("not in this recall", func(t *testing.T) {
		b := load(t, w.registered(false))
		Then(t, b, b.Return("r1", w.importer, batch.DispositionReturned, batch.Units{Quantity: 1}), domain.ErrConflict)
	})
	t.Run("nobody returns what they do not hold", func(t *testing.T) {
		b := load(t, w.registered(false), w.labelled("A"), recalled)
		Then(t, b, b.Return("r1", w.retailer, batch.DispositionReturned, batch.Units{Serials: []string{"A"}}), domain.ErrConflict)
	})
	t.Run("more than held or sold", func(t *testing.T) {
		b := load(t, w.registered(false), recalled)
		Then(t, b, b.Return("r1", w.importer, batch.DispositionDestroyed, batch.Units{Quantity: 11}), domain.ErrConflict)
	})
}

func TestTalliesCountEachUnitOnce(t *testing.T) {
	w := newWorld(t)
	u1 := batch.Units{Serials: []string{"A", "B"}, Quantity: 3}
	b := load(t, w.registered(false), w.labelled("A", "B", "C"),
		w.shipped("s1", w.importer, w.distributor, u1), w.received("s1", w.distributor, u1),
		w.shipped("s2", w.distributor, w.retailer, batch.Units{Serials: []string{"A"}, Quantity: 1}),
		batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: w.distributor.String(), Channel: "x", Units: batch.Units{Serials: []string{"B"}}},
	)
	var total int64
	got := map[string]batch.Tally{}
	for _, tl := range b.Tallies() {
		got[tl.USCC] = tl
		total += tl.InStock + tl.InTransit + tl.Sold + tl.Returned + tl.Destroyed
	}
	if total != 10 {
		t.Fatalf("units counted %d times in all, want 10: %+v", total, got)
	}
	want := map[string]batch.Tally{
		w.importer.String():    {USCC: w.importer.String(), InStock: 5},
		w.distributor.String(): {USCC: w.distributor.String(), InStock: 2, InTransit: 2, Sold: 1},
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("tally %s = %+v, want %+v", k, got[k], v)
		}
	}
}
