package recalllist

import (
	"time"

	"github.com/traceledger/traceledger/app/query"
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
			Batches: ev.Batches, Derived: ev.Derived, StartedAt: at, Position: env.Position, StartBy: ev.StartBy, CompleteBy: ev.CompleteBy,
			Hazard: ev.Hazard, HazardKnownAt: ev.HazardKnownAt, Scope: ev.Scope, Measures: ev.Measures, Contact: ev.Contact}
	case recall.Closed:
		if r := p.State().Recalls[ev.RecallID]; r != nil {
			r.Closed, r.ClosedAt, r.Accounting = true, at, ev.Accounting
		}
	case recall.PublicNoticeAccepted:
		if r := p.State().Recalls[ev.RecallID]; r != nil && r.PublicNotice == nil {
			r.PublicNotice = &query.RecallPublicNotice{Notice: ev.Notice, Sold: ev.Sold, AcceptedAt: env.Metadata.OccurredAt.UTC()}
		}
	case recall.NoticeAcknowledged:
		p.acknowledged(ev, at)
	case batch.Returned:
		if r := p.State().Recalls[ev.RecallID]; r != nil {
			if r.Returns == 0 {
				r.FirstReturnAt = at
			}
			r.Returns++
		}
	case recall.HolderNotified:
		p.notified(ev.RecallID, ev.HolderUSCC, at)
	case recall.HoldersReminded:
		p.reminded(ev, at)
	}
}

// reminded records a reminder at the ledger's time it carries (the
// envelope's when an older one would lack it).
func (p *Projection) reminded(ev recall.HoldersReminded, at int64) {
	r := p.State().Recalls[ev.RecallID]
	if r == nil {
		return
	}
	if t, err := time.Parse(time.RFC3339, ev.RemindedAt); err == nil {
		at = t.UnixNano()
	}
	r.Reminders = append(r.Reminders, Reminder{At: at, Holders: ev.HolderUSCCs, Note: ev.Note})
}

// acknowledged records a holder's acknowledgement: the first one counts.
func (p *Projection) acknowledged(ev recall.NoticeAcknowledged, at int64) {
	r := p.State().Recalls[ev.RecallID]
	if r == nil || ev.HolderUSCC == "" {
		return
	}
	if r.Acknowledged == nil {
		r.Acknowledged = map[string]Ack{}
	}
	if _, ok := r.Acknowledged[ev.HolderUSCC]; !ok {
		r.Acknowledged[ev.HolderUSCC] = Ack{At: at, Note: ev.Note}
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
