package recalllist

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// Get answers a recall's list as of now.
func (p *Projection) Get(ctx context.Context, id string, now time.Time, dir query.Directory) (query.RecallList, error) {
	p.RLock()
	defer p.RUnlock()
	r := p.State().Recalls[id]
	if r == nil {
		return query.RecallList{}, domain.NotFound("id", "recall_not_known", "recall %s is not known", id)
	}
	return p.list(ctx, r, now, dir)
}

// All answers every recall's list as of now, oldest first.
func (p *Projection) All(ctx context.Context, now time.Time, dir query.Directory) ([]query.RecallList, error) {
	p.RLock()
	defer p.RUnlock()
	out := make([]query.RecallList, 0, len(p.State().Recalls))
	for _, r := range p.State().Recalls {
		l, err := p.list(ctx, r, now, dir)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b query.RecallList) int {
		if c := a.StartedAt.Compare(b.StartedAt); c != 0 {
			return c
		}
		return strings.Compare(a.RecallID, b.RecallID)
	})
	return out, nil
}

func (p *Projection) list(ctx context.Context, r *Recall, now time.Time, dir query.Directory) (query.RecallList, error) {
	rows, err := p.rows(ctx, r, dir)
	if err != nil {
		return query.RecallList{}, fmt.Errorf("recall list %s: %w", r.ID, err)
	}
	l := query.RecallList{RecallID: r.ID, Level: r.Level, Reason: r.Reason, InitiatedBy: r.InitiatedBy, Batches: r.Batches, Derived: r.Derived,
		StartedAt: time.Unix(0, r.StartedAt).UTC(), StartBy: r.StartBy, CompleteBy: r.CompleteBy, Holders: rows,
		Hazard: r.Hazard, HazardKnownAt: r.HazardKnownAt, Scope: r.Scope, Measures: r.Measures, Contact: r.Contact,
		PublicNotice: r.PublicNotice, Accounting: r.Accounting, Products: []query.RecallProduct{}, Reminders: []query.RecallReminder{}}
	for _, k := range r.Batches {
		if !slices.ContainsFunc(l.Products, func(x query.RecallProduct) bool { return x.GTIN == k.GTIN }) {
			l.Products = append(l.Products, query.RecallProduct{GTIN: k.GTIN})
		}
	}
	for _, m := range r.Reminders {
		l.Reminders = append(l.Reminders, query.RecallReminder{At: time.Unix(0, m.At).UTC(), Holders: slices.Clone(m.Holders), Note: m.Note})
	}
	if r.Closed {
		t := time.Unix(0, r.ClosedAt).UTC()
		l.ClosedAt = &t
	}
	l.Progress = query.RecallProgressOf(l.Holders, l.PublicNotice != nil)
	l.Status, l.OverdueBy = status(r, l.Holders, now)
	return l, nil
}

// rows adds each holder's tallies over the recalled batches, by USCC.
func (p *Projection) rows(ctx context.Context, r *Recall, dir query.Directory) ([]query.RecallRow, error) {
	by := map[string]*query.RecallRow{}
	var order []string
	cu, _ := p.units.(ContainerUnits)
	for _, k := range r.Batches {
		if cu != nil {
			containers, err := cu.Containers(ctx, k.GTIN, k.Lot)
			if err != nil {
				return nil, err
			}
			for u, cs := range containers {
				row := by[u]
				if row == nil {
					row = &query.RecallRow{USCC: u}
					by[u] = row
					order = append(order, u)
				}
				for _, c := range cs {
					if !slices.Contains(row.Containers, c) {
						row.Containers = append(row.Containers, c)
					}
				}
			}
		}
		tallies, _, err := p.units.Tallies(ctx, k.GTIN, k.Lot)
		if err != nil {
			return nil, err
		}
		for _, t := range tallies {
			row := by[t.USCC]
			if row == nil {
				row = &query.RecallRow{USCC: t.USCC}
				by[t.USCC] = row
				order = append(order, t.USCC)
			}
			row.InStock += t.InStock
			row.InTransit += t.InTransit
			row.Sold += t.Sold
			row.Returned += t.Returned
			row.Destroyed += t.Destroyed
			row.Consumed += t.Consumed
			row.Batches = append(row.Batches, query.RecallBatchUnits{GTIN: k.GTIN, Lot: k.Lot, InStock: t.InStock, InTransit: t.InTransit,
				Sold: t.Sold, Returned: t.Returned, Destroyed: t.Destroyed, Consumed: t.Consumed})
		}
	}
	slices.Sort(order)
	rows := make([]query.RecallRow, len(order))
	for i, u := range order {
		row := by[u]
		slices.Sort(row.Containers)
		row.Affected = row.InStock + row.InTransit + row.Sold + row.Returned + row.Destroyed
		_, delivered := r.Notified[u]
		if a, ok := r.Acknowledged[u]; ok {
			at := time.Unix(0, a.At).UTC()
			row.Acknowledged, row.AcknowledgedAt, row.AckNote = true, &at, a.Note
		}
		row.Notified = delivered || row.Acknowledged
		for _, m := range r.Reminders {
			if slices.Contains(m.Holders, u) {
				at := time.Unix(0, m.At).UTC()
				row.Reminders, row.RemindedAt = row.Reminders+1, &at
			}
		}
		if row.Batches == nil {
			row.Batches = []query.RecallBatchUnits{}
		}
		if dir != nil {
			row.Name, row.Contact, _ = dir.Enterprise(u)
		}
		rows[i] = *row
	}
	return rows, nil
}

// Inbox answers the notices of the open recalls uscc holds units of and did
// not start itself, in the order the recalls started, after the recall at
// position after, at most limit; next is the position to page on from (0:
// no more). Each notice shows the holder's own row only.
func (p *Projection) Inbox(ctx context.Context, uscc string, now time.Time, dir query.Directory, after uint64, limit int) ([]query.RecallNotice, uint64, error) {
	p.RLock()
	defer p.RUnlock()
	open := make([]*Recall, 0)
	for _, r := range p.State().Recalls {
		if !r.Closed && r.InitiatedBy != uscc && r.Position > after {
			open = append(open, r)
		}
	}
	slices.SortFunc(open, func(a, b *Recall) int { return cmp.Compare(a.Position, b.Position) })
	out := []query.RecallNotice{}
	for _, r := range open {
		whole, err := p.list(ctx, r, now, dir)
		if err != nil {
			return nil, 0, err
		}
		l, ok := whole.For(uscc)
		if !ok {
			continue
		}
		if len(out) == limit {
			return out, out[len(out)-1].Position, nil
		}
		n := query.RecallNotice{Position: r.Position, RecallList: l, Acknowledged: l.Holders[0].Acknowledged}
		if dir != nil {
			n.InitiatorName, _, _ = dir.Enterprise(r.InitiatedBy)
		}
		out = append(out, n)
	}
	return out, 0, nil
}
