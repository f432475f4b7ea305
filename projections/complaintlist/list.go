package complaintlist

import (
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/complaint"
)

// DefaultLimit and MaxLimit bound a page of cases.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Case answers one case with its timeline, as of now.
func (p *Projection) Case(id string, now time.Time) (query.ComplaintCase, bool) {
	p.RLock()
	defer p.RUnlock()
	c := p.State().Cases[id]
	if c == nil {
		return query.ComplaintCase{}, false
	}
	out := p.view(c, now)
	out.Timeline = make([]query.ComplaintStep, len(c.Steps))
	for i, s := range c.Steps {
		out.Timeline[i] = query.ComplaintStep{Type: s.Type, Position: s.Position, At: time.Unix(0, s.At).UTC(), Text: s.Text, Late: s.Late}
	}
	return out, true
}

// List answers a page of the cases matching f that keep allows, in filing
// order, as of now.
func (p *Projection) List(f query.ComplaintFilter, now time.Time, keep func(query.ComplaintCase) bool) query.ComplaintPage {
	p.RLock()
	defer p.RUnlock()
	limit := f.Limit
	if limit <= 0 || limit > MaxLimit {
		limit = DefaultLimit
	}
	pg := query.ComplaintPage{Complaints: []query.ComplaintCase{}}
	for _, id := range p.State().Order {
		c := p.State().Cases[id]
		if c.Position <= f.After || !matches(c, f) {
			continue
		}
		v := p.view(c, now)
		if !overdueMatches(v.Overdue, f.Overdue) || !p.inRegion(c, f.Region) || !f.Filed.Holds(v.FiledAt) || (keep != nil && !keep(v)) {
			continue
		}
		if len(pg.Complaints) == limit {
			pg.Next = pg.Complaints[limit-1].Position
			break
		}
		pg.Complaints = append(pg.Complaints, v)
	}
	return pg
}

// Overdue lists the open cases past a deadline at now, in filing order:
// what the alerts raise.
func (p *Projection) Overdue(now time.Time) []query.ComplaintCase {
	p.RLock()
	defer p.RUnlock()
	var out []query.ComplaintCase
	for _, id := range p.State().Order {
		c := p.State().Cases[id]
		if complaint.Overdue(complaint.Status(c.Status), c.AcceptBy, c.ConcludeBy, now) != "" {
			out = append(out, p.view(c, now))
		}
	}
	return out
}

func matches(c *Case, f query.ComplaintFilter) bool {
	return (f.Status == "" || c.Status == f.Status) && (f.Enterprise == "" || c.Against == f.Enterprise) && (f.GTIN == "" || c.GTIN == f.GTIN)
}

func overdueMatches(overdue, want string) bool {
	switch want {
	case "":
		return true
	case "any":
		return overdue != ""
	}
	return overdue == want
}

func (p *Projection) inRegion(c *Case, region string) bool {
	if region == "" {
		return true
	}
	e := p.State().Enterprises[c.Against]
	return e != nil && e.Region == region
}

// view is the case as the port shows it, without its timeline.
func (p *Projection) view(c *Case, now time.Time) query.ComplaintCase {
	v := query.ComplaintCase{ComplaintID: c.ID, Position: c.Position, Status: c.Status, FiledBy: c.FiledBy, Channel: c.Channel,
		Category: c.Category, Severity: c.Severity, Description: c.Description, Contact: c.Contact, GTIN: c.GTIN, Lot: c.Lot, Serial: c.Serial,
		AgainstUSCC: c.Against, FiledAt: time.Unix(0, c.FiledAt).UTC(), AcceptBy: c.AcceptBy, ConcludeBy: c.ConcludeBy,
		Substantiated: c.Substantiated, Outcome: c.Outcome, Reason: c.Reason, Authority: c.Authority, Answers: c.Answers,
		Overdue: complaint.Overdue(complaint.Status(c.Status), c.AcceptBy, c.ConcludeBy, now), FollowUpHash: c.FollowUpHash}
	if e := p.State().Enterprises[c.Against]; e != nil {
		v.AgainstName, v.Region = e.Name, e.Region
	}
	if c.AcceptedAt != 0 {
		t := time.Unix(0, c.AcceptedAt).UTC()
		v.AcceptedAt = &t
	}
	if c.ClosedAt != 0 {
		t := time.Unix(0, c.ClosedAt).UTC()
		v.ClosedAt = &t
	}
	return v
}
