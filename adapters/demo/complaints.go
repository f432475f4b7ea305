package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/command"
)

// complaint is a 12315 complaint about something a consumer bought.
type complaint struct {
	sale     *saleRecord
	l        *lot
	item     int // index into l.codes, or -1 for the lot
	at       time.Time
	category string
	severity int
	channel  string
	// resolution: resolved at, upheld or not; zero when still open
	resolved time.Time
	upheld   bool
	outcome  string
	id       string
}

// planComplaints draws complaints about sales at least a few days old,
// against the seller, naming the item when it was labelled. Recent ones are
// still open; of the rest some were upheld and some not. The first three
// take one of each outcome, so every data set has them.
func (p *plan) planComplaints() {
	r := rng(p.seed, "complaints")
	var pool []*saleRecord
	for _, s := range p.sales {
		if s.at.Before(p.latest().AddDate(0, 0, -3)) {
			pool = append(pool, s)
		}
	}
	if len(pool) == 0 {
		return
	}
	n := clamp(p.items/150, 8, 150)
	for k := 0; k < n; k++ {
		s := pick(r, pool)
		pt := s.parts[0]
		c := &complaint{sale: s, l: pt.l, item: -1, category: pick(r, complaintCategories),
			severity: pick(r, []int{1, 1, 1, 2, 2, 3}), channel: pick(r, complaintChannels)}
		if len(pt.items) > 0 {
			c.item = pt.items[0]
		}
		c.at = minTime(after(r, s.at, 24, 24*15), p.latest())
		c.resolved = after(r, c.at, 24*5, 24*40)
		c.upheld = chance(r, 0.4)
		open := chance(r, 0.15) || c.resolved.After(p.latest())
		switch k {
		case 0:
			c.upheld, open = true, false
		case 1:
			c.upheld, open = false, false
		case 2:
			open = true
		}
		if open {
			c.resolved = time.Time{}
		} else {
			c.resolved = minTime(c.resolved, p.latest())
		}
		p.final = append(p.final, fileComplaint{c})
		if !c.resolved.IsZero() {
			if c.upheld {
				c.outcome = pick(r, outcomesUpheld)
			} else {
				c.outcome = pick(r, outcomesRejected)
			}
			p.final = append(p.final, resolveComplaint{c})
		}
	}
}

// fileComplaint takes the complaint in (regulators record 12315 intake).
type fileComplaint struct{ c *complaint }

func (s fileComplaint) run(ctx context.Context, x *runner) error {
	c := s.c
	in := command.FileComplaint{Common: at(c.at), GTIN: c.l.pr.gtin, Lot: c.l.lot, AgainstUSCC: c.sale.seller.uscc,
		Category: c.category, Severity: c.severity, Channel: c.channel}
	if c.item >= 0 {
		in.Item = c.l.codes[c.item]
	}
	out, err := x.cmds.FileComplaint(ctx, regulator, in)
	if err != nil {
		return fmt.Errorf("file complaint about %s against %s: %w", c.l.name(), c.sale.seller.name, err)
	}
	c.id = out.ComplaintID
	x.record(kComplaint, 1, out)
	return nil
}

// resolveComplaint closes it, upheld or not.
type resolveComplaint struct{ c *complaint }

func (s resolveComplaint) run(ctx context.Context, x *runner) error {
	c := s.c
	out, err := x.cmds.ResolveComplaint(ctx, regulator, command.ResolveComplaint{
		Common: at(c.resolved), ComplaintID: c.id, Substantiated: &c.upheld, Outcome: c.outcome,
	})
	return x.finish(kResolution, out, err, "resolve complaint %s", c.id)
}
