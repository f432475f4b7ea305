package trace

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/modelstore"
)

// The expiry, recalled and rejected indexes list a batch only while some
// holder has its units in stock or on their way (Batch.Holding > 0): alerts
// read them, and a batch sold out, returned or destroyed raises none, so
// their reads grow with the stock held, not with every batch the ledger
// ever registered.

// listHeld lists b under index (pRecalled or pRejected) when its units are
// held now; otherwise holdingChanged lists it once they are.
func (t *tx) listHeld(b *Batch, index string) error {
	if b.Holding == 0 {
		return nil
	}
	return t.b.Set(batchKey(index, b.GTIN, b.Lot), nil)
}

// holdingChanged counts a holder that started (held) or stopped holding
// units of the batch, and lists or unlists the batch when the count
// leaves or reaches zero.
func (t *tx) holdingChanged(gtin, lot string, held bool) error {
	b, err := t.batch(gtin, lot)
	if err != nil || b == nil {
		return err
	}
	was := b.Holding > 0
	if held {
		b.Holding++
	} else if b.Holding > 0 {
		b.Holding--
	}
	t.changed(b)
	switch now := b.Holding > 0; {
	case now && !was:
		return t.setLists(b, true)
	case !now && was:
		return t.setLists(b, false)
	}
	return nil
}

// setLists adds b to (or removes it from) every index its state puts it in.
func (t *tx) setLists(b *Batch, on bool) error {
	var keys [][]byte
	if b.ExpiresOn != "" {
		keys = append(keys, modelstore.Key(pExpiry, b.ExpiresOn, b.GTIN, b.Lot))
	}
	if len(b.Recalls) > 0 {
		keys = append(keys, batchKey(pRecalled, b.GTIN, b.Lot))
	}
	if b.Clearance != nil && b.Clearance.Decision == batch.DecisionRejected {
		keys = append(keys, batchKey(pRejected, b.GTIN, b.Lot))
	}
	for _, k := range keys {
		if err := t.mark(k, on); err != nil {
			return err
		}
	}
	return nil
}

// mark sets an index key (on) or deletes it.
func (t *tx) mark(k []byte, on bool) error {
	if on {
		return t.b.Set(k, nil)
	}
	return t.b.Delete(k)
}
