package demo

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/traceledger/traceledger/app/command"
)

// lot is one batch (GTIN + lot) of the data set.
type lot struct {
	pr                *product
	g                 *group
	lot               string
	qty               int64
	produced, expires time.Time
	labels            int
	// codes are the Digital Links of its labelled units, in labelling
	// order. The group's worker fills them in as its label steps run; steps
	// name items by their index here.
	codes []string
}

func (l *lot) name() string { return l.pr.gtin14 + "/" + l.lot }

// group is a set of lots of one product that arrive together (one customs
// declaration, one set of shipments). Its steps form one chain that one
// worker runs in order; chains of different groups run concurrently.
type group struct {
	idx     int
	pr      *product
	lots    []*lot
	arrive  time.Time
	end     time.Time // the last moment its goods may be shipped or sold
	customs string    // customs outcome: "" (domestic) or a decision* constant
	decl    *declaration
	recall  *recallPlan
	steps   []step
	sim     *sim // the trade, as simulated; kept for the oversight to read
}

func (g *group) owner() *firm { return g.pr.owner }

// planBatches gives each product two to four lots spread over its trading
// window, most arriving alone, some imported ones two at a time. Dates
// follow the product's shelf life: goods arrive some weeks after they were
// made, and a lot stops moving a day before it expires, so short-lived
// goods leave near-expiry and expired stock behind, as shops have.
func (p *plan) planBatches() {
	for pi, pr := range p.products {
		if pr.cert.story == certRejected || !pr.to.After(pr.from) {
			continue
		}
		r := rng(p.seed, "batches", pi)
		n := between(r, 2, 4)
		if pr.cert.story == certNotified {
			n = 1
		}
		span := pr.to.Sub(pr.from) - 10*24*time.Hour
		if span < 0 {
			span = 0
		}
		var prev *group
		for k := 0; k < n; k++ {
			var g *group
			if prev != nil && pr.imported() && len(prev.lots) == 1 && chance(r, 0.25) {
				g = prev
			} else {
				lo := pr.from.Add(span * time.Duration(k) / time.Duration(n))
				g = &group{idx: len(p.groups), pr: pr, arrive: within(r, lo, lo.Add(span*4/time.Duration(5*n)))}
				p.groups = append(p.groups, g)
				pr.groups = append(pr.groups, g)
			}
			prev = g
			l := &lot{pr: pr, g: g}
			if pr.imported() {
				l.produced = g.arrive.AddDate(0, 0, -between(r, 20, 75))
				l.lot = fmt.Sprintf("L%s%c%d", l.produced.Format("060102"), 'A'+r.IntN(26), k+1)
			} else {
				l.produced = g.arrive.Add(-time.Duration(r.IntN(20)) * time.Hour)
				l.lot = fmt.Sprintf("%s%c%d", l.produced.Format("20060102"), 'A'+r.IntN(8), k+1)
			}
			l.expires = l.produced.Truncate(24*time.Hour).AddDate(0, 0, pr.tmpl.shelfLife)
			l.qty = 50 + int64(1950*math.Pow(r.Float64(), 1.8))
			g.lots = append(g.lots, l)
		}
	}
	for _, g := range p.groups {
		g.end = g.pr.to
		for _, l := range g.lots {
			g.end = minTime(g.end, l.expires.Add(-24*time.Hour))
		}
	}
	p.planCustoms()
	p.planLabels()
}

// trades reports whether the group's goods may move at all: domestic or
// released, with time left before its end.
func (g *group) trades() bool {
	if g.pr.imported() && g.customs != decisionReleased {
		return false
	}
	return g.end.Sub(g.arrive) > 8*24*time.Hour
}

// planLabels labels about p.items units over a share of the lots that will
// trade (most imported ones, which cross-border rules require labelled, and
// some domestic infant formula and others), in proportion to their size.
func (p *plan) planLabels() {
	r := rng(p.seed, "labels")
	var chosen []*lot
	var weights []float64
	total := 0.0
	for _, g := range p.groups {
		if !g.trades() {
			continue
		}
		for _, l := range g.lots {
			share := 0.15
			switch {
			case g.pr.imported():
				share = 0.55
			case g.pr.tmpl.category == catInfant:
				share = 0.6
			}
			if chance(r, share) {
				w := float64(l.qty) * (0.2 + 0.8*r.Float64())
				chosen, weights, total = append(chosen, l), append(weights, w), total+w
			}
		}
	}
	for i, l := range chosen {
		l.labels = int(min(l.qty, max(1, int64(math.Round(float64(p.items)*weights[i]/total)))))
	}
}

// registerBatch records a lot made or imported by the product's owner.
type registerBatch struct{ l *lot }

func (s registerBatch) run(ctx context.Context, x *runner) error {
	l := s.l
	out, err := x.cmds.RegisterBatch(ctx, l.pr.owner.actor(), command.RegisterBatch{
		Common: at(l.g.arrive), GTIN: l.pr.gtin, Lot: l.lot, Quantity: l.qty,
		ProducedOn: date(l.produced), ExpiresOn: date(l.expires), OwnerUSCC: l.pr.owner.uscc,
	})
	return x.finish(kBatch, out, err, "register batch %s", l.name())
}

// label binds count new labels to units the owner holds (入仓理货). The
// codes the ledger answers with are kept, in order, for later steps.
type label struct {
	l     *lot
	at    time.Time
	count int
}

func (s label) run(ctx context.Context, x *runner) error {
	l := s.l
	out, err := x.cmds.ApplyLabels(ctx, l.pr.owner.actor(), command.ApplyLabels{
		Common: at(s.at), GTIN: l.pr.gtin, Lot: l.lot, OwnerUSCC: l.pr.owner.uscc, Count: s.count,
	})
	if err != nil {
		return fmt.Errorf("label %d units of batch %s: %w", s.count, l.name(), err)
	}
	if len(out.Labels) != s.count {
		return fmt.Errorf("label batch %s: asked for %d labels, got %d", l.name(), s.count, len(out.Labels))
	}
	for _, lb := range out.Labels {
		l.codes = append(l.codes, lb.Code)
	}
	x.record(kLabel, s.count, out)
	return nil
}
