package recalllist

import (
	"encoding/json"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// NotifiedType is the event type that records a recall notice delivered
// to a holder. No aggregate raises it yet (issue 6 will): the model reads
// it from the record's data, so the holder rows' notified flag works as
// soon as it appears in the log.
const NotifiedType = "recall.holder_notified.v1"

// notice is the data of a NotifiedType event.
type notice struct {
	RecallID   string `json:"recall_id"`
	HolderUSCC string `json:"holder_uscc"`
}

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
	case nil:
		if env.Type == NotifiedType {
			var n notice
			if json.Unmarshal(env.Data, &n) == nil {
				p.notified(n.RecallID, n.HolderUSCC, at)
			}
		}
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
