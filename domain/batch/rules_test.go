package batch_test

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// wantField checks that err is a field or rule error naming field.
func wantField(t *testing.T, err error, field string) {
	t.Helper()
	var fe *domain.FieldError
	var re *domain.RuleError
	switch {
	case errors.As(err, &fe):
		if fe.Field != field {
			t.Fatalf("field %q, want %q (%v)", fe.Field, field, err)
		}
	case errors.As(err, &re):
		if re.Field != field {
			t.Fatalf("field %q, want %q (%v)", re.Field, field, err)
		}
	default:
		t.Fatalf("error %v names no field, want %q", err, field)
	}
}

func TestRecallOwnership(t *testing.T) {
	w := newWorld(t)
	recalled := batch.Recalled{GTIN: gtin, Lot: lot, RecallID: "r1", Level: 2}
	cases := []struct {
		name    string
		given   []event.Event
		by      access.Actor
		wantErr error
		field   string
	}{
		{"a regulator recalls any batch", []event.Event{w.registered(false)}, access.Actor{Role: access.RoleRegulator}, nil, ""},
		{"an enterprise recalls a batch it produced or imported", []event.Event{w.registered(false)},
			access.Actor{Role: access.RoleEnterprise, USCC: w.importer.String()}, nil, ""},
		{"an enterprise does not recall another's batch", []event.Event{w.registered(false)},
			access.Actor{Role: access.RoleEnterprise, USCC: w.retailer.String()}, domain.ErrForbidden, "lot"},
		{"a batch not registered is not recalled", nil, access.Actor{Role: access.RoleRegulator}, domain.ErrNotFound, "lot"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := load(t, c.given...)
			err := b.Recall("r1", 2, c.by)
			Then(t, b, err, c.wantErr, recalled)
			if c.field != "" {
				wantField(t, err, c.field)
			}
		})
	}
}

func TestShipRefusesABatchNotRegistered(t *testing.T) {
	w := newWorld(t)
	b := load(t)
	err := b.Ship("s1", w.importer, w.retailer, "SF1", batch.Units{Quantity: 1})
	Then(t, b, err, domain.ErrNotFound)
	wantField(t, err, "lot")
}

func TestSellNeedsAChannel(t *testing.T) {
	w := newWorld(t)
	b := load(t, w.registered(false))
	err := b.Sell(w.importer, " ", batch.Units{Quantity: 1}, batch.SaleTerms{})
	Then(t, b, err, domain.ErrInvalid)
	wantField(t, err, "channel")
}

func TestReturnNeedsAKnownDisposition(t *testing.T) {
	w := newWorld(t)
	b := load(t, w.registered(false), batch.Recalled{GTIN: gtin, Lot: lot, RecallID: "r1", Level: 2})
	err := b.Return("r1", w.importer, "lost", batch.Units{Quantity: 1})
	Then(t, b, err, domain.ErrInvalid)
	wantField(t, err, "disposition")
}

func item(t *testing.T, gtin, lot, serial string) ident.ItemCode {
	t.Helper()
	g, err := ident.ParseGTIN(gtin)
	if err != nil {
		t.Fatal(err)
	}
	l, _ := ident.ParseLot(lot)
	s, _ := ident.ParseSerial(serial)
	return ident.ItemCode{GTIN: g, Lot: l, Serial: s}
}

func TestGoodsNameEachItemOnce(t *testing.T) {
	a, b := item(t, gtin, "L1", "A"), item(t, gtin, "L2", "B")
	_, err := batch.NewGoods([]ident.ItemCode{a, b, a}, nil)
	if !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("error = %v, want invalid", err)
	}
	wantField(t, err, "items[2]")
}

func TestGoodsNameSomething(t *testing.T) {
	_, err := batch.NewGoods(nil, nil)
	if !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("error = %v, want invalid", err)
	}
	wantField(t, err, "items")
}

func TestGoodsAreGroupedByBatchInTheOrderGiven(t *testing.T) {
	a, b, c := item(t, gtin, "L2", "A"), item(t, gtin, "L1", "B"), item(t, gtin, "L2", "C")
	q, _ := ident.NewQuantity(4)
	goods, err := batch.NewGoods([]ident.ItemCode{a, b, c}, []batch.Line{{GTIN: b.GTIN, Lot: b.Lot, Quantity: q}})
	if err != nil {
		t.Fatal(err)
	}
	ps := goods.Parcels()
	if len(ps) != 2 || ps[0].Lot.String() != "L2" || ps[1].Lot.String() != "L1" {
		t.Fatalf("parcels %+v, want L2 then L1", ps)
	}
	if got := ps[0].Units; len(got.Serials) != 2 || got.Quantity != 0 {
		t.Errorf("L2 units %+v, want A and C", got)
	}
	if got := ps[1].Units; len(got.Serials) != 1 || got.Quantity != 4 {
		t.Errorf("L1 units %+v, want B and 4", got)
	}
	if goods.Count() != 7 {
		t.Errorf("count %d, want 7", goods.Count())
	}
}

func TestOnlyTheImporterDeclaresAnImportedBatchCustomsHasNotCleared(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		name     string
		given    []event.Event
		importer ident.USCC
		wantErr  error
		field    string
	}{
		{"an imported batch of the importer", []event.Event{w.registered(true)}, w.importer, nil, ""},
		{"a batch not registered", nil, w.importer, domain.ErrNotFound, "lot"},
		{"a domestic batch", []event.Event{w.registered(false)}, w.importer, domain.ErrConflict, "gtin"},
		{"a batch already cleared", []event.Event{w.registered(true), w.released()}, w.importer, domain.ErrConflict, "lot"},
		{"another importer's batch", []event.Event{w.registered(true)}, w.distributor, domain.ErrConflict, "lot"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := load(t, c.given...)
			err := b.DeclarableBy(c.importer)
			Then(t, b, err, c.wantErr)
			if c.field != "" {
				wantField(t, err, c.field)
			}
		})
	}
}
