package analytics

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/holding"
)

// units counts, per batch and holder, the units a recall or a certificate
// still waits for, with exactly the rules of docs/grading.md ("Units
// outstanding"): units on their way count at the sender until received, an
// unknown shipment's receipt adds its own units, and a returned serial that
// was sold comes back from a consumer without changing stock.
//
// The unlabelled units follow domain/holding, as in the batch aggregate and
// every read model. Around them this fold keeps the grade's rules, as
// projections/risk does, where projections/unitstate keeps the aggregate's:
// a receipt of an unknown shipment (only a log written elsewhere holds one)
// counts here and is ignored there, and a returned serial is matched
// against the sold serials' hashes rather than followed as an item. On a
// log the ledger wrote both agree (projections/risk's
// TestGradeCountsOutstandingUnitsAsTheBatchAggregate and
// TestOnlyTheGradeCountsTheReceiptOfAnUnknownShipment).
type units struct {
	batches map[string]*lotUnits
}

// lotUnits is one batch: its owner, its holders' units, the shipments on
// their way, the sold serials (by FNV-1a hash, as the grade keeps them) and
// the recalls that named it, in log order.
type lotUnits struct {
	gtin     string
	owner    string
	holders  map[string]*held
	transits map[string]transit
	sold     map[uint64]struct{}
	recalls  []string
}

// held is one holder's units of a batch: the unlabelled ones folded by
// domain/holding's rules, its labelled items in stock and what it has on
// its way.
type held struct {
	holding.Units
	labelled, inTransit int64
}

// outstanding is units in stock or in transit.
func (h *held) outstanding() int64 { return h.Stock + h.labelled + h.inTransit }

type transit struct {
	from              string
	quantity, serials int64
}

// moved is what one goods event did: the batch, the holders whose units
// changed (as docs/grading.md lists them for recall settlement) and the
// change of the GTIN's outstanding units.
type moved struct {
	lot     *lotUnits
	touched []string
	delta   int64
}

func newUnits() *units { return &units{batches: map[string]*lotUnits{}} }

func batchKey(gtin, lot string) string { return gtin + "/" + lot }

// lot returns the batch, created on first mention.
func (u *units) lot(gtin, lot string) *lotUnits {
	k := batchKey(gtin, lot)
	b := u.batches[k]
	if b == nil {
		b = &lotUnits{gtin: gtin, holders: map[string]*held{}}
		u.batches[k] = b
	}
	return b
}

func (b *lotUnits) holding(uscc string) *held {
	h := b.holders[uscc]
	if h == nil {
		h = &held{}
		b.holders[uscc] = h
	}
	return h
}

// outstandingAt sums a holder's outstanding units over batches.
func (u *units) outstandingAt(uscc string, keys []string) int64 {
	var n int64
	for _, k := range keys {
		if b := u.batches[k]; b != nil {
			if h := b.holders[uscc]; h != nil {
				n += h.outstanding()
			}
		}
	}
	return n
}

// apply folds one goods event; ok is false for any other event.
func (u *units) apply(ev event.Event) (m moved, ok bool) {
	switch ev := ev.(type) {
	case batch.Registered:
		b := u.lot(ev.GTIN, ev.Lot)
		b.owner = ev.OwnerUSCC
		b.holding(ev.OwnerUSCC).Register(ev.Quantity)
		return moved{lot: b, touched: []string{ev.OwnerUSCC}, delta: ev.Quantity}, true
	case batch.Labelled:
		b := u.lot(ev.GTIN, ev.Lot)
		h := b.holding(ev.OwnerUSCC)
		h.Label(int64(len(ev.Serials)))
		h.labelled += int64(len(ev.Serials))
		return moved{lot: b}, true
	case batch.Shipped:
		b := u.lot(ev.GTIN, ev.Lot)
		h := b.holding(ev.FromUSCC)
		h.Ship(ev.Quantity)
		h.labelled -= int64(len(ev.Serials))
		h.inTransit += ev.Count()
		if b.transits == nil {
			b.transits = map[string]transit{}
		}
		t := b.transits[ev.ShipmentID]
		t.from, t.quantity, t.serials = ev.FromUSCC, t.quantity+ev.Quantity, t.serials+int64(len(ev.Serials))
		b.transits[ev.ShipmentID] = t
		return moved{lot: b}, true
	case batch.Received:
		return u.received(ev), true
	case batch.Sold:
		return u.sold(ev), true
	case batch.Returned:
		return u.returned(ev), true
	case batch.Consumed:
		// A transformation's input leaves the holder's stock as a sale does
		// (projections/risk folds it alike), without counting as one.
		b := u.lot(ev.GTIN, ev.Lot)
		h := b.holding(ev.HolderUSCC)
		h.Consume(ev.Quantity)
		h.labelled -= int64(len(ev.Serials))
		return moved{lot: b, touched: []string{ev.HolderUSCC}, delta: -ev.Count()}, true
	case batch.Disposed:
		return u.returned(ev.AsReturn()), true
	case batch.Recalled:
		b := u.lot(ev.GTIN, ev.Lot)
		b.named(ev.RecallID)
		return moved{lot: b}, true
	}
	return moved{}, false
}

// named lists a recall among those that named the batch, once.
func (b *lotUnits) named(recallID string) {
	for _, id := range b.recalls {
		if id == recallID {
			return
		}
	}
	b.recalls = append(b.recalls, recallID)
}

func (u *units) received(ev batch.Received) moved {
	b := u.lot(ev.GTIN, ev.Lot)
	m := moved{lot: b}
	q, s := ev.Quantity, int64(len(ev.Serials))
	if t, ok := b.transits[ev.ShipmentID]; ok {
		b.holding(t.from).inTransit -= t.quantity + t.serials
		delete(b.transits, ev.ShipmentID)
		q, s = t.quantity, t.serials
		m.touched = append(m.touched, t.from)
	} else {
		m.delta = q + s
	}
	h := b.holding(ev.ToUSCC)
	h.Receive(q)
	h.labelled += s
	m.touched = append(m.touched, ev.ToUSCC)
	return m
}

func (u *units) sold(ev batch.Sold) moved {
	b := u.lot(ev.GTIN, ev.Lot)
	h := b.holding(ev.SellerUSCC)
	h.Sell(ev.Quantity)
	h.labelled -= int64(len(ev.Serials))
	if len(ev.Serials) > 0 && b.sold == nil {
		b.sold = map[uint64]struct{}{}
	}
	for _, s := range ev.Serials {
		b.sold[hashSerial(s)] = struct{}{}
	}
	return moved{lot: b, touched: []string{ev.SellerUSCC}, delta: -ev.Count()}
}

func (u *units) returned(ev batch.Returned) moved {
	b := u.lot(ev.GTIN, ev.Lot)
	h := b.holding(ev.HolderUSCC)
	before := h.Stock
	h.Return(ev.Quantity, ev.Disposition == batch.DispositionDestroyed)
	fromStock := before - h.Stock
	var labelled int64
	for _, s := range ev.Serials {
		k := hashSerial(s)
		if _, ok := b.sold[k]; ok {
			delete(b.sold, k)
			continue
		}
		labelled++
	}
	h.labelled -= labelled
	return moved{lot: b, touched: []string{ev.HolderUSCC}, delta: -(fromStock + labelled)}
}

// hashSerial is FNV-1a 64 of the serial's bytes, as projections/risk keeps
// sold serials: the same collisions (odds about n²/2⁶⁵ a batch) then
// misplace the same unit in both grades.
func hashSerial(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
