package recalllist

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// apply folds one envelope into the list.
func (p *Projection) apply(env *runner.Envelope) {
	at := env.Metadata.OccurredAt.UnixNano()
	switch ev := env.Event.(type) {
	case recall.Started:
		if p.State().Recalls[ev.RecallID] != nil {
			return
		}
		p.State().Recalls[ev.RecallID] = &Recall{ID: ev.RecallID, Level: ev.Level, Reason: ev.Reason, InitiatedBy: ev.InitiatedByUSCC,
			Batches: ev.Batches, StartedAt: at, StartBy: ev.StartBy, CompleteBy: ev.CompleteBy}
	case recall.Closed:
		if r := p.State().Recalls[ev.RecallID]; r != nil {
			r.Closed, r.ClosedAt = true, at
		}
	case batch.Returned:
		if r := p.State().Recalls[ev.RecallID]; r != nil {
			if r.Returns == 0 {
				r.FirstReturnAt = at
			}
			r.Returns++
		}
	case recall.HolderNotified:
		p.notified(ev.RecallID, ev.HolderUSCC, at)
	}
}

// notified records a delivered notice: the first delivery counts.
func (p *Projection) notified(recallID, uscc string, at int64) {
	r := p.State().Recalls[recallID]
	if r == nil || uscc == "" {
		return
	}
	if r.Notified == nil {
		r.Notified = map[string]int64{}
	}
	if _, ok := r.Notified[uscc]; !ok {
		r.Notified[uscc] = at
	}
}
