package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/traceledger/traceledger/app/command"
)

// part is what a command moves of one lot: labelled items by index into
// the lot's codes, and unlabelled units.
type part struct {
	l     *lot
	items []int
	qty   int64
}

// parts turns per-lot piles into the parts of a command, in lot order.
func (s *sim) parts(goods []pile) []part {
	var out []part
	for i, g := range goods {
		if g.units() > 0 {
			out = append(out, part{l: s.g.lots[i], items: g.items, qty: g.qty})
		}
	}
	return out
}

// goods renders parts as a command's label codes and quantity lines. It
// runs when the command runs: codes exist only once the labels are applied.
func goods(parts []part) ([]string, []command.QuantityLine) {
	var items []string
	var lines []command.QuantityLine
	for _, p := range parts {
		for _, i := range p.items {
			items = append(items, p.l.codes[i])
		}
		if p.qty > 0 {
			lines = append(lines, command.QuantityLine{GTIN: p.l.pr.gtin, Lot: p.l.lot, Quantity: p.qty})
		}
	}
	return items, lines
}

// choose draws n distinct firms from pool, leaving out the group's owner
// and the firms in not.
func (s *sim) choose(pool []*firm, n int, not []*firm) []*firm {
	skip := map[*firm]bool{s.g.owner(): true}
	for _, f := range not {
		skip[f] = true
	}
	var out []*firm
	for _, i := range s.r.Perm(len(pool)) {
		if len(out) == n {
			break
		}
		if !skip[pool[i]] {
			out = append(out, pool[i])
		}
	}
	return out
}

// downstream records that distributor d supplies seller f in this group.
func (s *sim) downstream(d, f *firm) {
	if s.down == nil {
		s.down = map[*firm][]*firm{}
	}
	s.down[d] = append(s.down[d], f)
}

// sellers are the firms that sell to consumers, except manufacturers and
// importers, whose own shops sell only their own goods.
func (p *plan) sellers() []*firm {
	var out []*firm
	for _, f := range p.firms {
		if f.sells() && f.roles[0] != "importer" {
			out = append(out, f)
		}
	}
	return out
}

// waybill numbers a shipment: a carrier prefix and twelve digits, a counter
// scrambled by an odd multiplier prime to ten, so no two shipments share one.
func (p *plan) waybill(r *rand.Rand) string {
	p.waybills++
	return fmt.Sprintf("%s%012d", pick(r, waybillPrefixes), uint64(p.waybills)*2654435761%1_000_000_000_000)
}

// ship dispatches goods from one enterprise to another. The ledger assigns
// the shipment id; the receipt step reads it from here.
type ship struct {
	from, to *firm
	at       time.Time
	waybill  string
	parts    []part
	id       string
}

func (s *ship) run(ctx context.Context, x *runner) error {
	items, lines := goods(s.parts)
	out, err := x.cmds.Ship(ctx, s.from.actor(), command.Ship{
		Common: at(s.at), FromUSCC: s.from.uscc, ToUSCC: s.to.uscc, Waybill: s.waybill, Items: items, Lines: lines,
	})
	if err != nil {
		return fmt.Errorf("ship %s from %s to %s (%s): %w", s.waybill, s.from.name, s.to.name, s.parts[0].l.name(), err)
	}
	s.id = out.ShipmentID
	x.record(kShipment, 1, out)
	return nil
}

// receive is the receiver's confirmation (收货确认).
type receive struct {
	sh *ship
	at time.Time
}

func (s receive) run(ctx context.Context, x *runner) error {
	out, err := x.cmds.ConfirmReceipt(ctx, s.sh.to.actor(), command.ConfirmReceipt{Common: at(s.at), ShipmentID: s.sh.id})
	return x.finish(kReceipt, out, err, "confirm receipt of %s (%s) at %s", s.sh.waybill, s.sh.id, s.sh.to.name)
}
