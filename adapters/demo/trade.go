package demo

import "time"

// simulate writes the group's chain: registration, clearance, labelling at
// intake, then the trade the simulation plays out.
func (g *group) simulate(p *plan) {
	s := &sim{p: p, g: g, r: rng(p.seed, "trade", g.idx), holders: map[*firm]*holding{}, fromDistributor: map[*firm]bool{}}
	g.sim = s
	owner := s.holder(g.owner())
	for i, l := range g.lots {
		s.emit(registerBatch{l})
		owner.stock[i].qty = l.qty
	}
	if g.decl != nil {
		for _, st := range g.decl.steps() {
			s.emit(st)
		}
	}
	if !g.trades() {
		return // stays in the importer's bonded warehouse or the factory
	}
	start := g.arrive
	if g.decl != nil {
		start = g.decl.released()
	}
	intake := after(s.r, start, 12, 36)
	for i, l := range g.lots {
		for done := 0; done < l.labels; done += maxLabelsPerStep {
			n := min(maxLabelsPerStep, l.labels-done)
			s.emit(label{l, s.tick(intake.Add(time.Duration(done/maxLabelsPerStep) * 10 * time.Minute)), n})
		}
		for k := range l.labels {
			owner.stock[i].items = append(owner.stock[i].items, k)
		}
		owner.stock[i].qty -= int64(l.labels)
	}
	s.until = g.end
	if g.recall != nil {
		s.until = g.end.Add(-4 * 24 * time.Hour)
		s.noTransit = g.recall.closes
	}
	s.at(after(s.r, intake, 20, 60), s.dispatch)
	s.planInspection(intake)
	s.planExpiry()
	s.run()
}

// maxLabelsPerStep is how many labels one intake command binds: a pallet's
// worth, well under the handlers' limit.
const maxLabelsPerStep = 1000

// dispatch is the first hop: the owner ships most of the goods to one or two
// distributors and, for some groups, straight to retailers or e-commerce
// enterprises, keeping a reserve. An owner that sells to consumers itself
// (a cross-border importer with its own shop) keeps more and sells it.
func (s *sim) dispatch(t time.Time) {
	if t.After(s.until) {
		return
	}
	r, owner := s.r, s.holders[s.g.owner()]
	nDist, nSell := between(r, 1, 2), between(r, 2, 5)
	if s.g.recall != nil {
		nDist, nSell = 2, 4
	}
	dists := s.choose(s.p.firmsWith("distributor", false), nDist, nil)
	sellers := s.choose(s.p.sellers(), nSell, dists)
	direct := between(r, 0, min(2, len(sellers)-1))
	keep := 0.05 + 0.15*r.Float64()
	if owner.f.sells() {
		keep += 0.2
	}
	snapshot := clonePiles(owner.stock)
	type leg struct {
		to *firm
		w  float64
	}
	var legs []leg
	total := 0.0
	for _, d := range dists {
		legs = append(legs, leg{d, 2 + 2*r.Float64()})
		total += legs[len(legs)-1].w
	}
	for _, f := range sellers[:direct] {
		legs = append(legs, leg{f, 1 + r.Float64()})
		total += legs[len(legs)-1].w
	}
	for k, d := range dists {
		for j := direct + k; j < len(sellers); j += len(dists) {
			s.downstream(d, sellers[j])
		}
	}
	for _, lg := range legs {
		s.send(t, owner, lg.to, portion(owner, snapshot, (1-keep)*lg.w/total))
	}
	if owner.f.sells() {
		s.planSales(t, owner, clonePiles(owner.stock))
	}
}

// portion takes fraction f of snapshot's items and units out of h's stock.
func portion(h *holding, snapshot []pile, f float64) []pile {
	out := make([]pile, len(snapshot))
	for i := range snapshot {
		n, q := share(snapshot[i], f)
		if h.off[i] {
			continue
		}
		out[i] = take(&h.stock[i], n, q)
	}
	return out
}

func clonePiles(ps []pile) []pile {
	out := make([]pile, len(ps))
	for i, p := range ps {
		out[i] = pile{items: append([]int(nil), p.items...), qty: p.qty}
	}
	return out
}

func emptyPiles(ps []pile) bool {
	for i := range ps {
		if ps[i].units() > 0 {
			return false
		}
	}
	return true
}

// send dispatches goods and plans their arrival. Items and unlabelled units
// usually travel together; sometimes they go as two shipments (parcels for
// the e-commerce warehouse, pallets for the shelves). A dispatch in the last
// days, or one that would arrive after today, is still on its way.
func (s *sim) send(t time.Time, from *holding, to *firm, goods []pile) {
	if emptyPiles(goods) {
		return
	}
	var parcels [][]pile
	if hasItems(goods) && hasQty(goods) && chance(s.r, 0.3) {
		items, units := make([]pile, len(goods)), make([]pile, len(goods))
		for i := range goods {
			items[i].items, units[i].qty = goods[i].items, goods[i].qty
		}
		parcels = [][]pile{items, units}
	} else {
		parcels = [][]pile{goods}
	}
	for k, goods := range parcels {
		sh := &ship{from: from.f, to: to, at: s.tick(t.Add(time.Duration(k) * 7 * time.Minute)),
			waybill: s.p.waybill(s.r), parts: s.parts(goods)}
		s.emit(sh)
		arrive := after(s.r, sh.at, 18, 72)
		late := arrive.After(s.p.latest()) || (sh.at.After(s.p.latest().AddDate(0, 0, -6)) && chance(s.r, 0.5))
		if late && !s.noTransit {
			s.transit = append(s.transit, sh)
			continue
		}
		if s.noTransit && arrive.After(s.p.latest()) {
			arrive = s.p.latest()
		}
		s.at(arrive, func(t time.Time) { s.receive(t, sh, goods) })
	}
}

// receive confirms an arrival and plans what the receiver does with it: a
// distributor passes it on, a seller sells it.
func (s *sim) receive(t time.Time, sh *ship, goods []pile) {
	t = s.tick(t)
	s.emit(receive{sh, t})
	if sh.from != s.g.owner() {
		s.fromDistributor[sh.to] = true
	}
	h := s.holder(sh.to)
	for i := range goods {
		h.stock[i].items = append(h.stock[i].items, goods[i].items...)
		h.stock[i].qty += goods[i].qty
	}
	if down := s.down[sh.to]; len(down) > 0 {
		s.planWaves(t, h, goods, down)
	} else if sh.to.sells() {
		s.planSales(t, h, goods)
	}
}

// planWaves passes most of what a distributor received on to its retailers
// in one to four deliveries each, over the weeks the goods may move.
func (s *sim) planWaves(t time.Time, d *holding, got []pile, down []*firm) {
	r := s.r
	keep := 0.05 + 0.1*r.Float64()
	from, to := t.Add(36*time.Hour), s.until
	if from.After(to) {
		return
	}
	for _, f := range down {
		f := f
		n, q := make([]int, len(got)), make([]int64, len(got))
		for i := range got {
			n[i], q[i] = share(got[i], (1-keep)/float64(len(down)))
		}
		waves := between(r, 1, 4)
		span := to.Sub(from) / time.Duration(waves)
		for w := 0; w < waves; w++ {
			goods := make([]pile, len(got))
			for i := range got {
				goods[i].items = make([]int, n[i]/waves+boolInt(w < n[i]%waves))
				goods[i].qty = q[i]/int64(waves) + int64(boolInt(int64(w) < q[i]%int64(waves)))
			}
			when := within(r, from.Add(span*time.Duration(w)), from.Add(span*time.Duration(w+1)))
			s.at(when, func(t time.Time) {
				out := make([]pile, len(goods))
				for i := range goods {
					if !d.off[i] {
						out[i] = take(&d.stock[i], len(goods[i].items), goods[i].qty)
					}
				}
				s.send(t, d, f, out)
			})
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func hasItems(ps []pile) bool {
	for i := range ps {
		if len(ps[i].items) > 0 {
			return true
		}
	}
	return false
}

func hasQty(ps []pile) bool {
	for i := range ps {
		if ps[i].qty > 0 {
			return true
		}
	}
	return false
}
