package risk

import (
	"cmp"
	"slices"
	"sort"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/product"
)

// Grade grades one enterprise as of now; ok is false for an enterprise the
// log neither registered nor mentions in any graded event.
func (p *Projection) Grade(uscc string, now time.Time) (query.Grade, bool) {
	p.RLock()
	defer p.RUnlock()
	e, ok := p.State().Enterprises[uscc]
	if !ok {
		return query.Grade{}, false
	}
	return p.grade(uscc, e, now.UTC()), true
}

// Distribution counts the enterprises of each grade as of now; all four
// grades are listed, in order.
func (p *Projection) Distribution(now time.Time) []query.GradeCount {
	out := []query.GradeCount{{Grade: 1}, {Grade: 2}, {Grade: 3}, {Grade: 4}}
	for _, g := range p.all(now) {
		out[g.Grade-1].Enterprises++
	}
	return out
}

// Top is the n riskiest enterprises as of now: by grade, then score, both
// descending, then USCC ascending so that ties list the same way each time.
func (p *Projection) Top(now time.Time, n int) []query.Grade {
	all := p.all(now)
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.Grade != b.Grade {
			return a.Grade > b.Grade
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.USCC < b.USCC
	})
	if n < len(all) {
		all = all[:max(n, 0)]
	}
	return all
}

func (p *Projection) all(now time.Time) []query.Grade {
	p.RLock()
	defer p.RUnlock()
	now = now.UTC()
	out := make([]query.Grade, 0, len(p.State().Enterprises))
	for u, e := range p.State().Enterprises {
		out = append(out, p.grade(u, e, now))
	}
	return out
}

// grade adds the time-dependent features to the fold's and scores them.
func (p *Projection) grade(uscc string, e *Enterprise, now time.Time) query.Grade {
	f := e.Facts
	for _, id := range e.Recalls {
		if r := p.State().Recalls[id]; r != nil && r.missed(uscc, now) {
			f.RecallDeadlinesMissed++
		}
	}
	today := now.Format(product.DateLayout)
	for _, gtin := range e.Products {
		if pr := p.State().Products[gtin]; pr != nil && pr.expiredInUse(today) && slices.Contains(pr.responsible(), uscc) {
			f.CertificatesExpiredInUse++
		}
	}
	serious := append([]query.SeriousViolation{}, e.Serious...)
	for _, id := range e.Recalls {
		if r := p.State().Recalls[id]; r != nil && r.overdue(uscc, now, p.cfg.Serious.OverdueRecallLevels.Values) {
			serious = append(serious, r.overdueViolation(id))
		}
	}
	slices.SortStableFunc(serious, func(a, b query.SeriousViolation) int {
		if a.Position != b.Position {
			return cmp.Compare(a.Position, b.Position)
		}
		return cmp.Compare(a.Kind, b.Kind)
	})
	score, factors := p.cfg.Score(f)
	g := p.cfg.Classify(score, len(serious))
	return query.Grade{USCC: uscc, Name: e.Name, Grade: g, Blacklisted: g == 4, Score: score, Factors: factors,
		Features: f, SeriousViolations: serious, AsOf: now}
}

// expiredInUse: the certificate is issued but its valid_to date lies before
// today, while units of the GTIN are still in stock or in transit.
func (pr *Product) expiredInUse(today string) bool {
	return pr.Status == string(product.StatusIssued) && pr.ValidTo != "" && today > pr.ValidTo && pr.Outstanding > 0
}
