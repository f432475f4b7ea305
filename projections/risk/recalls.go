package risk

import (
	"fmt"
	"slices"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/recall"
)

// recallStarted counts the recall by level for the owners of its batches and
// its initiator (once each), forces class 4 on the owners of a level-1
// recall's batches, and lists the holders that must account for units.
//
// A level-1 recall forces class 4 on the owners only when a regulator
// ordered it (责令召回): a recall the enterprise recorded itself is
// voluntary, the conduct the food recall rules reward, and counts only as
// the recalls_level_1 factor. A log without the actor's role (imported from
// elsewhere) reads as ordered.
func (p *Projection) recallStarted(pos uint64, at time.Time, role string, ev recall.Started) {
	completeBy, _ := time.Parse(time.RFC3339, ev.CompleteBy)
	r := &Recall{Level: ev.Level, Initiator: ev.InitiatedByUSCC, CompleteBy: completeBy.UTC(),
		Ordered: role != string(access.RoleEnterprise), Position: pos, Reason: ev.Reason}
	p.State().Recalls[ev.RecallID] = r
	var owners []string
	for _, k := range ev.Batches {
		key := batchKey(k.GTIN, k.Lot)
		r.Batches = append(r.Batches, key)
		b := p.batch(k.GTIN, k.Lot)
		if !slices.Contains(b.Recalls, ev.RecallID) {
			b.Recalls = append(b.Recalls, ev.RecallID)
		}
		if b.Owner != "" && !slices.Contains(owners, b.Owner) {
			owners = append(owners, b.Owner)
		}
	}
	slices.Sort(owners)
	r.Owners = owners
	if !r.CompleteBy.IsZero() {
		p.State().Pending = append(p.State().Pending, ev.RecallID)
	}
	counted := slices.Clone(owners)
	if ev.InitiatedByUSCC != "" && !slices.Contains(counted, ev.InitiatedByUSCC) {
		counted = append(counted, ev.InitiatedByUSCC)
	}
	slices.Sort(counted)
	for _, u := range counted {
		f := &p.ent(u).Facts
		switch ev.Level {
		case 1:
			f.RecallsLevel1++
		case 2:
			f.RecallsLevel2++
		case 3:
			f.RecallsLevel3++
		}
	}
	for _, u := range owners {
		p.join(u, ev.RecallID)
	}
	if ev.Level == 1 && r.Ordered {
		for _, u := range owners {
			p.violate(u, ViolationLevel1Recall, pos, at, fmt.Sprintf("level-1 recall %s of its batches: %s", ev.RecallID, ev.Reason))
		}
	}
	p.join(ev.InitiatedByUSCC, ev.RecallID)
	var holders []string
	for _, key := range r.Batches {
		for _, h := range p.State().Batches[key].Holders {
			if !slices.Contains(holders, h.USCC) {
				holders = append(holders, h.USCC)
			}
		}
	}
	slices.Sort(holders)
	if len(holders) > 0 {
		p.settleRecall(ev.RecallID, r, holders, at)
	}
}

// join lists the recall among those whose deadline uscc answers for.
func (p *Projection) join(uscc, recallID string) {
	if e := p.ent(uscc); !slices.Contains(e.Recalls, recallID) {
		e.Recalls = append(e.Recalls, recallID)
	}
}

// settle updates the open recalls of b for the holders whose units changed.
func (p *Projection) settle(b *Batch, holders []string, at time.Time) {
	for _, id := range b.Recalls {
		if r := p.State().Recalls[id]; r != nil && !r.Closed {
			p.settleRecall(id, r, holders, at)
		}
	}
}

// settleRecall records, for each holder, whether it still holds affected
// units: a holder with units in stock or in transit is affected until they
// reach zero, and AccountedAt is when they did.
func (p *Projection) settleRecall(id string, r *Recall, holders []string, at time.Time) {
	for _, u := range holders {
		var out int64
		for _, key := range r.Batches {
			if h := p.State().Batches[key].Holders.get(u); h != nil {
				out += h.Outstanding()
			}
		}
		rh := r.Holders[u]
		switch {
		case out > 0 && rh == nil:
			if r.Holders == nil {
				r.Holders = map[string]*RecallHolder{}
			}
			r.Holders[u] = &RecallHolder{}
			p.join(u, id)
		case out > 0:
			rh.AccountedAt = time.Time{}
		case rh != nil && rh.AccountedAt.IsZero():
			rh.AccountedAt = at
		}
	}
}

// missed reports whether uscc missed the recall's completion deadline as of
// now: the deadline has passed, and either uscc is an affected holder that
// accounted for its units after it (or has not yet), or uscc initiated the
// recall and it closed after it (or is still open).
func (r *Recall) missed(uscc string, now time.Time) bool {
	if r.CompleteBy.IsZero() || !now.After(r.CompleteBy) {
		return false
	}
	late := func(done time.Time) bool { return done.IsZero() || done.After(r.CompleteBy) }
	if rh := r.Holders[uscc]; rh != nil {
		done := rh.AccountedAt
		if done.IsZero() && r.Closed {
			done = r.ClosedAt
		}
		if late(done) {
			return true
		}
	}
	if uscc == r.Initiator {
		if !r.Closed || late(r.ClosedAt) {
			return true
		}
	}
	return false
}

// involved are the enterprises whose grade the recall's state can change:
// its initiator, its batches' owners and its affected holders, sorted.
func (r *Recall) involved() []string {
	out := slices.Clone(r.Owners)
	if r.Initiator != "" {
		out = append(out, r.Initiator)
	}
	for u := range r.Holders {
		out = append(out, u)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// overdue reports whether uscc answers for the recall (its initiator or an
// owner of its batches), the recall is of a level whose overdue completion
// is serious, its deadline has passed as of now and it is still open.
func (r *Recall) overdue(uscc string, now time.Time, levels []int) bool {
	return slices.Contains(levels, r.Level) && !r.CompleteBy.IsZero() && now.After(r.CompleteBy) && !r.Closed &&
		(uscc == r.Initiator || slices.Contains(r.Owners, uscc))
}

// overdueViolation is the serious violation of an overdue recall: dated at
// its deadline, at the position of its start.
func (r *Recall) overdueViolation(id string) query.SeriousViolation {
	return query.SeriousViolation{Kind: ViolationOverdueRecall, Position: r.Position, OccurredAt: r.CompleteBy,
		Detail: fmt.Sprintf("level-%d recall %s not completed by its deadline: %s", r.Level, id, r.Reason)}
}
