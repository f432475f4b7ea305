package demo_test

import (
	"testing"

	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/domain/container"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/domain/shipment"
	"github.com/traceledger/traceledger/domain/transformation"
)

// TestTheDemoShipsPalletsAndRecallsRawMilkIntoItsFormula: the dairy chain
// ships pallets (SSCCs) whose cases hold the units, records a
// transformation of raw milk into two formula lots, and the recall of the
// milk reaches both lots.
func TestTheDemoShipsPalletsAndRecallsRawMilkIntoItsFormula(t *testing.T) {
	_, recs := run(t, demo.Options{Items: 500, Seed: 1, Workers: 4})
	var palletShipments, transformations, nested int
	var derived []recall.BatchKey
	for _, r := range recs {
		switch r.Type {
		case shipment.TypeDispatched:
			if s := decode[shipment.Dispatched](t, r); len(s.Containers) == 3 && s.Units == 12 {
				palletShipments++
			}
		case container.TypeNested:
			nested++
		case transformation.TypeRecorded:
			if tr := decode[transformation.Recorded](t, r); len(tr.Outputs) == 2 {
				transformations++
			}
		case recall.TypeStarted:
			if s := decode[recall.Started](t, r); len(s.Derived) > 0 {
				derived = s.Derived
			}
		}
	}
	if palletShipments != 2 || nested != 8 || transformations != 1 {
		t.Errorf("%d pallet shipments, %d cases nested, %d transformations; want 2, 8, 1", palletShipments, nested, transformations)
	}
	if len(derived) != 2 {
		t.Errorf("the raw milk recall reaches %v, want the two formula lots", derived)
	}
}
