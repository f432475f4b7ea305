package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/traceledger/traceledger/app/command"
)

// Sale sizes. Labelled items sell one consumer at a time, alone or in
// baskets of two or three; unlabelled units are recorded as quantity lines
// of one to 2*qtyLineMean-1 units (a till's tally of one lot).
const (
	qtyLineMean = 3
	sellHorizon = 90 * 24 * time.Hour
)

// saleRecord is a sale as planned, for complaints to refer to.
type saleRecord struct {
	seller *firm
	at     time.Time
	parts  []part
	g      *group
}

// planSales plans the sale of what a seller received over the following
// months at a steady pace: 55-95% of it over sellHorizon, less when the
// goods must stop moving sooner (they expire, are recalled, or today comes
// first), so recent deliveries and short-lived goods stay on the shelf.
func (s *sim) planSales(t time.Time, h *holding, got []pile) {
	r := s.r
	from, to := t.Add(2*time.Hour), minTime(s.g.end, t.Add(sellHorizon))
	if !to.After(from) {
		return
	}
	f := (0.55 + 0.4*r.Float64()) * float64(to.Sub(from)) / float64(sellHorizon)
	items := 0
	for i := range got {
		items += len(got[i].items)
	}
	for left := int(float64(items) * f); left > 0; {
		n := 1
		switch x := r.Float64(); {
		case x < 0.1:
			n = 3
		case x < 0.3:
			n = 2
		}
		n = min(n, left)
		left -= n
		s.at(within(r, from, to), func(t time.Time) { s.sellItems(t, h, n) })
	}
	for i := range got {
		for left := int64(float64(got[i].qty) * f); left > 0; {
			q := min(left, int64(1+r.IntN(2*qtyLineMean-1)))
			left -= q
			s.at(within(r, from, to), func(t time.Time) { s.sellUnits(t, h, i, q) })
		}
	}
}

// sellItems sells n labelled items the seller has, oldest first; a basket
// may span the group's lots.
func (s *sim) sellItems(t time.Time, h *holding, n int) {
	sold := make([]pile, len(h.stock))
	for i := range h.stock {
		if n == 0 {
			break
		}
		if h.off[i] {
			continue
		}
		sold[i] = take(&h.stock[i], n, 0)
		n -= len(sold[i].items)
	}
	s.sell(t, h, sold)
}

// sellUnits sells q unlabelled units of lot i, or what is left of them.
func (s *sim) sellUnits(t time.Time, h *holding, i int, q int64) {
	if h.off[i] {
		return
	}
	sold := make([]pile, len(h.stock))
	sold[i] = take(&h.stock[i], 0, q)
	s.sell(t, h, sold)
}

func (s *sim) sell(t time.Time, h *holding, sold []pile) {
	if emptyPiles(sold) {
		return
	}
	t = s.tick(t)
	for i := range sold {
		h.sold[i].items = append(h.sold[i].items, sold[i].items...)
		h.sold[i].qty += sold[i].qty
	}
	st := sell{seller: h.f, at: t, channel: channel(s, h.f), parts: s.parts(sold)}
	s.emit(st)
	rec := &saleRecord{seller: h.f, at: t, parts: st.parts, g: s.g}
	s.p.sales = append(s.p.sales, rec)
	if hasItems(sold) && s.g.recall == nil {
		if s.p.anySample == nil {
			s.p.anySample = rec
		}
		if s.p.sample == nil && s.g.pr.imported() && s.g.pr.cert.story == certIssued &&
			s.fromDistributor[h.f] && h.f.roles[0] == "retailer" {
			s.p.sample = rec
		}
	}
}

// channel is where a seller sells: a shop in store or through delivery
// apps, an e-commerce enterprise on its platform (mostly its main one).
func channel(s *sim, f *firm) string {
	h := fnv.New32a()
	h.Write([]byte(f.uscc))
	main := platformChannels[h.Sum32()%4]
	switch {
	case f.has("retailer") && (!f.has("ecommerce") || chance(s.r, 0.6)):
		return pick(s.r, storeChannels)
	case chance(s.r, 0.75):
		return main
	}
	return pick(s.r, platformChannels)
}

// sell records a sale to consumers.
type sell struct {
	seller  *firm
	at      time.Time
	channel string
	parts   []part
}

func (s sell) run(ctx context.Context, x *runner) error {
	items, lines := goods(s.parts)
	out, err := x.cmds.Sell(ctx, s.seller.actor(), command.Sell{
		Common: at(s.at), SellerUSCC: s.seller.uscc, Channel: s.channel, Items: items, Lines: lines,
	})
	if err != nil {
		return fmt.Errorf("sell %s at %s on %s: %w", s.parts[0].l.name(), s.seller.name, s.channel, err)
	}
	var units int64
	for _, p := range s.parts {
		units += int64(len(p.items)) + p.qty
	}
	x.record(kSale, len(s.parts), out)
	x.add(kSoldUnits, units)
	return nil
}
