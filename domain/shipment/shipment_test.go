package shipment_test

import (
	"testing"

	"github.com/traceledger/traceledger/domain"
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
			s, err := shipment.Load(Given(t, "shipment-s1", c.given...))
			if err != nil {
				t.Fatal(err)
			}
			Then(t, s, s.Dispatch("s1", from, to, c.waybill, goods), c.wantErr, dispatched)
		})
	}
}
