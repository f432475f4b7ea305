package withdrawal_test

import (
	"bytes"
	"testing"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/runner/runnertest"
	"github.com/traceledger/traceledger/projections/withdrawal"
)

// A batch that was only registered, shipped and inspected with a pass holds
// nothing in the model: its state is the empty model's, byte for byte. The
// model then grows with withdrawals, not with the ledger's batches.
func TestABatchWithNothingToWithdrawTakesNoRoom(t *testing.T) {
	quiet := runnertest.Fold(t, withdrawal.New(), runnertest.Envelopes(t0,
		batch.Registered{GTIN: gtin, Lot: lot, Quantity: 10, OwnerUSCC: mart, ExpiresOn: "2026-12-31"},
		batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "S1", FromUSCC: mart, ToUSCC: shop, Units: batch.Units{Quantity: 4}},
		batch.Inspected{GTIN: gtin, Lot: lot, EnterpriseUSCC: shop, Result: "pass"},
	))
	var got, empty bytes.Buffer
	if err := quiet.Snapshot(&got); err != nil {
		t.Fatal(err)
	}
	if err := withdrawal.New().Snapshot(&empty); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), empty.Bytes()) {
		t.Errorf("state after a quiet batch:\n%s\nwant the empty model's:\n%s", got.Bytes(), empty.Bytes())
	}
	if d := quiet.Duties(); len(d) != 0 {
		t.Errorf("duties %+v; want none", d)
	}
}
