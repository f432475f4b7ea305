package recalllist

import (
	"slices"
	"strings"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// Get answers a recall's list as of now.
func (p *Projection) Get(id string, now time.Time, dir query.Directory) (query.RecallList, error) {
	p.RLock()
	defer p.RUnlock()
	r := p.State().Recalls[id]
	if r == nil {
		return query.RecallList{}, domain.NotFound("id", "recall %s is not known", id)
	}
	return p.list(r, now, dir), nil
}

// All answers every recall's list as of now, oldest first.
func (p *Projection) All(now time.Time, dir query.Directory) []query.RecallList {
	p.RLock()
	defer p.RUnlock()
	out := make([]query.RecallList, 0, len(p.State().Recalls))
	for _, r := range p.State().Recalls {
		out = append(out, p.list(r, now, dir))
	}
	slices.SortFunc(out, func(a, b query.RecallList) int {
		if c := a.StartedAt.Compare(b.StartedAt); c != 0 {
			return c
		}
		return strings.Compare(a.RecallID, b.RecallID)
	})
	return out
}

func (p *Projection) list(r *Recall, now time.Time, dir query.Directory) query.RecallList {
	l := query.RecallList{RecallID: r.ID, Level: r.Level, Reason: r.Reason, InitiatedBy: r.InitiatedBy, Batches: r.Batches,
		StartedAt: time.Unix(0, r.StartedAt).UTC(), StartBy: r.StartBy, CompleteBy: r.CompleteBy, Holders: p.rows(r, dir)}
	if r.Closed {
		t := time.Unix(0, r.ClosedAt).UTC()
		l.ClosedAt = &t
	}
	l.Progress = query.RecallProgressOf(l.Holders)
	l.Status, l.OverdueBy = status(r, l.Holders, now)
	return l
}

// rows adds each holder's tallies over the recalled batches, by USCC.
func (p *Projection) rows(r *Recall, dir query.Directory) []query.RecallRow {
	by := map[string]*query.RecallRow{}
	var order []string
	for _, k := range r.Batches {
		tallies, _ := p.units.Tallies(k.GTIN, k.Lot)
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
		}
	}
	slices.Sort(order)
	rows := make([]query.RecallRow, len(order))
	for i, u := range order {
		row := by[u]
		row.Affected = row.InStock + row.InTransit + row.Returned + row.Destroyed
		_, row.Notified = r.Notified[u]
		if dir != nil {
			row.Name, row.Contact, _ = dir.Enterprise(u)
		}
		rows[i] = *row
	}
	return rows
}
