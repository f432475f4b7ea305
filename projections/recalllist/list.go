package recalllist

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/recall"
)

// List is a recall's list as GET /api/v1/recalls/{id} answers it.
type List struct {
	RecallID    string            `json:"recall_id"`
	Level       int               `json:"level"`
	Status      string            `json:"status"`
	OverdueBy   string            `json:"overdue_by,omitempty"`
	Reason      string            `json:"reason"`
	InitiatedBy string            `json:"initiated_by"`
	Batches     []recall.BatchKey `json:"batches"`
	StartedAt   time.Time         `json:"started_at"`
	StartBy     string            `json:"start_by"`
	CompleteBy  string            `json:"complete_by"`
	ClosedAt    *time.Time        `json:"closed_at,omitempty"`
	Holders     []Row             `json:"holders"`
	Progress    Progress          `json:"progress"`
}

// Row is one holder's units across every recalled batch. Affected counts
// the units in the supply chain (in stock, in transit, returned,
// destroyed); units sold to consumers are listed as Sold, reached by the
// public notice, and are not affected until a consumer brings them back.
type Row struct {
	USCC      string `json:"uscc"`
	Name      string `json:"name"`
	Contact   string `json:"contact"`
	Affected  int64  `json:"affected"`
	InStock   int64  `json:"in_stock"`
	InTransit int64  `json:"in_transit"`
	Sold      int64  `json:"sold"`
	Returned  int64  `json:"returned"`
	Destroyed int64  `json:"destroyed"`
	Notified  bool   `json:"notified"`
}

// Progress is how much of the affected units are accounted for (returned
// or destroyed). The recall can close when Accounted equals Affected, which
// is the domain's rule: nothing left in stock or in transit.
type Progress struct {
	Affected  int64   `json:"affected"`
	Accounted int64   `json:"accounted"`
	Percent   float64 `json:"percent"`
}

// progressOf adds rows up; Percent has one decimal and is 100 when nothing
// is affected.
func progressOf(rows []Row) Progress {
	var pr Progress
	for _, r := range rows {
		pr.Affected += r.Affected
		pr.Accounted += r.Returned + r.Destroyed
	}
	pr.Percent = 100
	if pr.Affected > 0 {
		pr.Percent = math.Round(float64(pr.Accounted)/float64(pr.Affected)*1000) / 10
	}
	return pr
}

// Get answers a recall's list as of now.
func (p *Projection) Get(id string, now time.Time, dir Directory) (List, error) {
	p.RLock()
	defer p.RUnlock()
	r := p.State().Recalls[id]
	if r == nil {
		return List{}, domain.NotFound("id", "recall %s is not known", id)
	}
	return p.list(r, now, dir), nil
}

// All answers every recall's list as of now, oldest first.
func (p *Projection) All(now time.Time, dir Directory) []List {
	p.RLock()
	defer p.RUnlock()
	out := make([]List, 0, len(p.State().Recalls))
	for _, r := range p.State().Recalls {
		out = append(out, p.list(r, now, dir))
	}
	slices.SortFunc(out, func(a, b List) int {
		if c := a.StartedAt.Compare(b.StartedAt); c != 0 {
			return c
		}
		return strings.Compare(a.RecallID, b.RecallID)
	})
	return out
}

func (p *Projection) list(r *Recall, now time.Time, dir Directory) List {
	l := List{RecallID: r.ID, Level: r.Level, Reason: r.Reason, InitiatedBy: r.InitiatedBy, Batches: r.Batches,
		StartedAt: time.Unix(0, r.StartedAt).UTC(), StartBy: r.StartBy, CompleteBy: r.CompleteBy, Holders: p.rows(r, dir)}
	if r.Closed {
		t := time.Unix(0, r.ClosedAt).UTC()
		l.ClosedAt = &t
	}
	l.Progress = progressOf(l.Holders)
	l.Status, l.OverdueBy = status(r, l.Holders, now)
	return l
}

// rows adds each holder's tallies over the recalled batches, by USCC.
func (p *Projection) rows(r *Recall, dir Directory) []Row {
	by := map[string]*Row{}
	var order []string
	for _, k := range r.Batches {
		tallies, _ := p.units.Tallies(k.GTIN, k.Lot)
		for _, t := range tallies {
			row := by[t.USCC]
			if row == nil {
				row = &Row{USCC: t.USCC}
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
	rows := make([]Row, len(order))
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
