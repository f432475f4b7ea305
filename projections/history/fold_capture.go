package history

import (
	"github.com/traceledger/traceledger/domain/capture"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/runner"
)

// captured lists a captured EPCIS event in the histories of the enterprises
// it resolved to, of the batches it names and of the items the ledger
// already knows: an event that maps to no command is never out of sight.
func (t *tx) captured(env *runner.Envelope, ev capture.EventCaptured) {
	pos := env.Position
	for _, u := range ev.Enterprises {
		t.touch(t.ent(u), pos)
	}
	for _, name := range ev.Batches {
		gtin, lot := splitBatch(name)
		if b := (bkey{GTIN: gtin, Lot: lot}); t.batchRec(b) != nil {
			t.addChunked(batchPrefix(b), pos)
		}
	}
	for _, path := range ev.Items {
		c, err := ident.ParseItemCode(path)
		if err != nil {
			continue
		}
		if b := (bkey{GTIN: c.GTIN.String(), Lot: c.Lot.String()}); t.itemExists(b, c.Serial.String()) {
			t.addItemPos(b, t.batchNo(b), c.Serial.String(), pos)
		}
	}
}
