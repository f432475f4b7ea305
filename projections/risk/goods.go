package risk

import (
	"fmt"
	"slices"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
)

// batchKey names a batch. A GTIN has no '/', so the first one splits.
func batchKey(gtin, lot string) string { return gtin + "/" + lot }

func (p *Projection) batch(gtin, lot string) *Batch {
	k := batchKey(gtin, lot)
	b := p.State().Batches[k]
	if b == nil {
		b = &Batch{GTIN: gtin}
		p.State().Batches[k] = b
	}
	return b
}

func (b *Batch) holding(uscc string) *Holding { return b.Holders.add(uscc) }

// outstanding moves the GTIN's count of units in stock or in transit.
func (p *Projection) outstanding(gtin string, delta int64) {
	if delta == 0 {
		return
	}
	pr := p.State().Products[gtin]
	if pr == nil {
		pr = &Product{}
		p.State().Products[gtin] = pr
	}
	pr.Outstanding += delta
}

// goods follows the units of a batch per holder, the way the batch
// aggregate counts them (each unit once, where it is now), and counts sales.
// Holders whose units changed are settled against the batch's recalls.
func (p *Projection) goods(pos uint64, at time.Time, ev event.Event) {
	var b *Batch
	var touched []string
	switch ev := ev.(type) {
	case batch.Registered:
		b = p.batch(ev.GTIN, ev.Lot)
		b.Owner, b.Imported, b.ExpiresOn = ev.OwnerUSCC, ev.Imported, ev.ExpiresOn
		b.holding(ev.OwnerUSCC).Register(ev.Quantity)
		p.outstanding(ev.GTIN, ev.Quantity)
		touched = []string{ev.OwnerUSCC}
	case batch.Labelled:
		b = p.batch(ev.GTIN, ev.Lot)
		h := b.holding(ev.OwnerUSCC)
		h.Label(int64(len(ev.Serials)))
		h.Labelled += int64(len(ev.Serials))
	case batch.Shipped:
		b = p.batch(ev.GTIN, ev.Lot)
		h := b.holding(ev.FromUSCC)
		h.Ship(ev.Quantity)
		h.Labelled -= int64(len(ev.Serials))
		h.InTransit += ev.Count()
		if b.Transits == nil {
			b.Transits = map[string]Transit{}
		}
		t := b.Transits[ev.ShipmentID]
		t.From, t.Quantity, t.Serials = ev.FromUSCC, t.Quantity+ev.Quantity, t.Serials+int64(len(ev.Serials))
		b.Transits[ev.ShipmentID] = t
	case batch.Received:
		b = p.batch(ev.GTIN, ev.Lot)
		q, s := ev.Quantity, int64(len(ev.Serials))
		if t, ok := b.Transits[ev.ShipmentID]; ok {
			b.holding(t.From).InTransit -= t.Quantity + t.Serials
			delete(b.Transits, ev.ShipmentID)
			if len(b.Transits) == 0 {
				b.Transits = nil // a map keeps its room when emptied
			}
			q, s = t.Quantity, t.Serials
			touched = append(touched, t.From)
		} else {
			p.outstanding(ev.GTIN, q+s)
		}
		h := b.holding(ev.ToUSCC)
		h.Receive(q)
		h.Labelled += s
		touched = append(touched, ev.ToUSCC)
	case batch.Sold:
		b = p.sold(pos, at, ev)
		touched = []string{ev.SellerUSCC}
	case batch.Returned:
		b = p.returned(ev)
		touched = []string{ev.HolderUSCC}
	case batch.Disposed:
		b = p.returned(ev.AsReturn())
		touched = []string{ev.HolderUSCC}
	case batch.Consumed:
		// A transformation's input leaves the holder's stock (and the
		// product's outstanding units) without counting as a sale.
		b = p.batch(ev.GTIN, ev.Lot)
		h := b.holding(ev.HolderUSCC)
		h.Consume(ev.Quantity)
		h.Labelled -= int64(len(ev.Serials))
		p.outstanding(ev.GTIN, -ev.Count())
		touched = []string{ev.HolderUSCC}
	case batch.Recalled:
		b = p.batch(ev.GTIN, ev.Lot)
		if !slices.Contains(b.Recalls, ev.RecallID) {
			b.Recalls = append(b.Recalls, ev.RecallID)
		}
	}
	if b != nil && len(b.Recalls) > 0 {
		p.settle(b, touched, at)
	}
}

// sold counts the units sold by the seller; a sale of a batch a recall has
// named is a serious violation (the ledger refuses it, but a log may carry
// one from elsewhere).
//
// A sale of imported goods whose product had no certificate issued and
// valid on the sale's day (UTC), and a sale after the batch's expiry date,
// are counted against the seller: the ledger refuses both from now on, so
// these count what was recorded before or imported.
func (p *Projection) sold(pos uint64, at time.Time, ev batch.Sold) *Batch {
	b := p.batch(ev.GTIN, ev.Lot)
	if ev.Count() > 0 {
		day := at.Format(product.DateLayout)
		if b.Imported && !p.State().Products[ev.GTIN].validOn(day) {
			p.ent(ev.SellerUSCC).Facts.UncertifiedSales++
		}
		if b.ExpiresOn != "" && day > b.ExpiresOn {
			p.ent(ev.SellerUSCC).Facts.ExpiredSales++
		}
	}
	h := b.holding(ev.SellerUSCC)
	h.Sell(ev.Quantity)
	h.Labelled -= int64(len(ev.Serials))
	if len(ev.Serials) > 0 && b.Sold == nil {
		b.Sold = &serialSet{}
	}
	for _, s := range ev.Serials {
		b.Sold.add(s)
	}
	p.outstanding(ev.GTIN, -ev.Count())
	p.ent(ev.SellerUSCC).Facts.UnitsSold += ev.Count()
	if len(b.Recalls) > 0 && ev.Count() > 0 {
		p.violate(ev.SellerUSCC, ViolationSoldRecalled, pos, at,
			fmt.Sprintf("sold %d units of batch %s/%s under recall %s", ev.Count(), ev.GTIN, ev.Lot, b.Recalls[0]))
	}
	return b
}

// returned takes returned or destroyed units out of the holder's stock when
// they were there; units consumers brought back were counted as sold.
func (p *Projection) returned(ev batch.Returned) *Batch {
	b := p.batch(ev.GTIN, ev.Lot)
	h := b.holding(ev.HolderUSCC)
	before := h.Stock
	h.Return(ev.Quantity, ev.Disposition == batch.DispositionDestroyed)
	fromStock := before - h.Stock
	var labelled int64
	for _, s := range ev.Serials {
		if !b.Sold.take(s) {
			labelled++
		}
	}
	if b.Sold.len() == 0 {
		b.Sold = nil
	}
	h.Labelled -= labelled
	p.outstanding(ev.GTIN, -(fromStock + labelled))
	return b
}

// validOn reports whether the product's certificate is issued and day
// (YYYY-MM-DD) lies within its validity (an empty bound is open).
func (pr *Product) validOn(day string) bool {
	return pr != nil && pr.Status == string(product.StatusIssued) &&
		(pr.ValidFrom == "" || pr.ValidFrom <= day) && (pr.ValidTo == "" || day <= pr.ValidTo)
}
