package recalllist

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// Apply folds a batch of envelopes under one write lock.
func (p *Projection) Apply(envs []runner.Envelope) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range envs {
		p.apply(&envs[i])
	}
	return nil
}

func (p *Projection) apply(env *runner.Envelope) {
	at := env.Metadata.OccurredAt.UnixNano()
	switch ev := env.Event.(type) {
	case recall.Started:
		if p.s.Recalls[ev.RecallID] != nil {
			return
		}
		p.s.Recalls[ev.RecallID] = &Recall{ID: ev.RecallID, Level: ev.Level, Reason: ev.Reason, InitiatedBy: ev.InitiatedByUSCC,
			Batches: ev.Batches, StartedAt: at, StartBy: ev.StartBy, CompleteBy: ev.CompleteBy}
	case recall.Closed:
		if r := p.s.Recalls[ev.RecallID]; r != nil {
			r.Closed, r.ClosedAt = true, at
		}
	case batch.Returned:
		if r := p.s.Recalls[ev.RecallID]; r != nil {
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
	r := p.s.Recalls[recallID]
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
