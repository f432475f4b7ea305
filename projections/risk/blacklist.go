package risk

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// The blacklist (黑名单) is published: who is in class 4 now, and every
// listing and de-listing with its ledger time and reason. The fold grades
// each enterprise an event concerns as of that event's time, and the
// enterprises a recall concerns as its completion deadline passes (at the
// first event after it; a query adds the deadlines passed since the last
// event), and records each change of class 4.

// touch notes enterprises the event being folded concerns.
func (p *Projection) touch(usccs ...string) {
	for _, u := range usccs {
		if u != "" && !slices.Contains(p.touched, u) {
			p.touched = append(p.touched, u)
		}
	}
}

// deadlinesPassed regrades, at each deadline an event at time at has
// passed, the enterprises of that recall.
func (p *Projection) deadlinesPassed(pos uint64, at time.Time) {
	st := p.State()
	kept := st.Pending[:0]
	for _, id := range st.Pending {
		r := st.Recalls[id]
		if r == nil || r.Closed {
			continue
		}
		if !at.After(r.CompleteBy) {
			kept = append(kept, id)
			continue
		}
		p.relist(r.involved(), pos, r.CompleteBy, r.CompleteBy.Add(time.Nanosecond))
	}
	st.Pending = kept
}

// relist grades usccs as of asOf and records, dated at, each that entered
// or left class 4.
func (p *Projection) relist(usccs []string, pos uint64, at, asOf time.Time) {
	st := p.State()
	slices.Sort(usccs)
	for _, u := range usccs {
		e := st.Enterprises[u]
		if e == nil {
			continue
		}
		if c, ok := p.change(u, e, pos, at, asOf, st.Listed); ok {
			c.Seq = len(st.Blacklist) + 1
			st.Blacklist = append(st.Blacklist, c)
			if c.Listed {
				st.Listed[u] = len(st.Blacklist) - 1
			} else {
				delete(st.Listed, u)
			}
		}
	}
}

// change is the listing or de-listing of u as of asOf, if its class 4
// changed from what listed records.
func (p *Projection) change(u string, e *Enterprise, pos uint64, at, asOf time.Time, listed map[string]int) (query.BlacklistChange, bool) {
	g := p.grade(u, e, asOf)
	_, was := listed[u]
	now := g.Grade == 4
	if now == was {
		return query.BlacklistChange{}, false
	}
	c := query.BlacklistChange{USCC: u, Name: e.Name, Listed: now, At: at, Position: pos, Grade: g.Grade, Score: g.Score}
	switch {
	case !now:
		c.Reason, c.Detail = "cleared", fmt.Sprintf("no serious violation in force and score %.2f: class %d", g.Score, g.Grade)
	case len(g.SeriousViolations) > 0:
		v := g.SeriousViolations[len(g.SeriousViolations)-1]
		c.Reason, c.Detail = v.Kind, v.Detail
	default:
		c.Reason, c.Detail = "score", fmt.Sprintf("score %.2f above %.2f", g.Score, p.cfg.Thresholds[len(p.cfg.Thresholds)-1].MaxScore)
	}
	return c, true
}

// Blacklist is every listing and de-listing up to now, oldest first: the
// fold's, then those of recall deadlines passed since its last event.
func (p *Projection) Blacklist(now time.Time) []query.BlacklistChange {
	p.RLock()
	defer p.RUnlock()
	st := p.State()
	out := slices.Clone(st.Blacklist)
	listed := make(map[string]int, len(st.Listed))
	for u, i := range st.Listed {
		listed[u] = i
	}
	for _, id := range st.Pending {
		r := st.Recalls[id]
		if r == nil || r.Closed || !now.After(r.CompleteBy) {
			continue
		}
		for _, u := range r.involved() {
			e := st.Enterprises[u]
			if e == nil {
				continue
			}
			if c, ok := p.change(u, e, 0, r.CompleteBy, r.CompleteBy.Add(time.Nanosecond), listed); ok {
				c.Seq = len(out) + 1
				out = append(out, c)
				if c.Listed {
					listed[u] = len(out) - 1
				} else {
					delete(listed, u)
				}
			}
		}
	}
	return out
}

// Targets are every graded enterprise as of now with its class's sampling
// rates, riskiest first (the order of Top).
func (p *Projection) Targets(now time.Time) []query.InspectionTarget {
	all := p.Top(now, math.MaxInt)
	out := make([]query.InspectionTarget, len(all))
	for i, g := range all {
		r := p.cfg.SamplingOf(g.Grade)
		out[i] = query.InspectionTarget{USCC: g.USCC, Name: g.Name, Grade: g.Grade, Score: g.Score, Priority: r.Priority,
			CustomsInspectionRate: r.CustomsInspectionRate, MarketSamplingRate: r.MarketSamplingRate}
	}
	return out
}

var _ query.BlacklistModel = (*Projection)(nil)
