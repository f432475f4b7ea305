package shipment_test

import (
	"testing"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/shipment"
)

func TestDispatchRaisesTheShipmentItCarries(t *testing.T) {
	from, _ := ident.ParseUSCC("91310000MA1FL0000N")
	to, _ := ident.NewUSCC("91440300MA5DC0000")
	g, _ := ident.ParseGTIN("12312312312333")
	l1, _ := ident.ParseLot("L1")
	l2, _ := ident.ParseLot("L2")
	s1, _ := ident.ParseSerial("A")
	q, _ := ident.NewQuantity(5)
	goods, err := batch.NewGoods([]ident.ItemCode{{GTIN: g, Lot: l1, Serial: s1}}, []batch.Line{{GTIN: g, Lot: l2, Quantity: q}})
	if err != nil {
		t.Fatal(err)
	}
	dispatched := shipment.Dispatched{ShipmentID: "s1", FromUSCC: from.String(), ToUSCC: to.String(), Waybill: "SF1",
		Batches: []shipment.BatchKey{{GTIN: g.String(), Lot: "L1"}, {GTIN: g.String(), Lot: "L2"}}, Units: 6}
	cases := []struct {
		name    string
		given   []event.Event
		waybill string
		wantErr error
	}{
		{"a shipment of two batches", nil, "SF1", nil},
		{"a waybill is required", nil, "  ", domain.ErrInvalid},
		{"dispatched once", []event.Event{dispatched}, "SF1", domain.ErrConflict},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Loaded(t, shipment.Load, "shipment-s1", c.given...)
			Then(t, s, s.Dispatch("s1", from, to, c.waybill, goods), c.wantErr, dispatched)
		})
	}
}

func TestOnlyTheReceiverOrARegulatorConfirmsReceipt(t *testing.T) {
	const to = "91440300MA5DC0000X"
	dispatched := shipment.Dispatched{ShipmentID: "s1", FromUSCC: "91310000MA1FL0000N", ToUSCC: to, Waybill: "SF1", Units: 1}
	received := shipment.Received{ShipmentID: "s1", ToUSCC: to}
	cases := []struct {
		name    string
		given   []event.Event
		by      access.Actor
		wantErr error
	}{
		{"the receiver", []event.Event{dispatched}, access.Actor{Role: access.RoleEnterprise, USCC: to}, nil},
		{"a regulator on its behalf", []event.Event{dispatched}, access.Actor{Role: access.RoleRegulator}, nil},
		{"the sender", []event.Event{dispatched}, access.Actor{Role: access.RoleEnterprise, USCC: dispatched.FromUSCC}, domain.ErrForbidden},
		{"once", []event.Event{dispatched, received}, access.Actor{Role: access.RoleEnterprise, USCC: to}, domain.ErrConflict},
		{"an unknown shipment", nil, access.Actor{Role: access.RoleRegulator}, domain.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Loaded(t, shipment.Load, "shipment-s1", c.given...)
			Then(t, s, s.Receive(c.by), c.wantErr, received)
		})
	}
}
