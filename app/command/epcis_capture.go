package command

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/capture"
	"github.com/traceledger/traceledger/domain/event"
)

// Outcomes of one event in a capture.
const (
	OutcomeCaptured        = "captured"
	OutcomeAlreadyCaptured = "already_captured"
)

// MaxCaptureEvents bounds the events of one captured document.
const MaxCaptureEvents = MaxListItems

// CaptureEPCIS captures an EPCIS document (see the CaptureEPCIS input): each
// event is mapped to the ledger command its business step means and
// decided by that command's own handler, all of them in one document unit,
// so a later event sees what an earlier one changed; then one atomic append
// records, first, each event's capture record (its hash id, the event as
// captured, the command it became and the ids of the events that raised),
// the job, and every domain event. An event captured before (same hash id)
// appends nothing. Any fault refuses the whole document with every event's
// faults (*CaptureRefused) and appends nothing.
func (h *Handlers) CaptureEPCIS(ctx context.Context, a access.Actor, in CaptureEPCIS) (CaptureOutcome, error) {
	out, err := h.captureEPCIS(ctx, a, in)
	h.observer.Done("CaptureEPCIS", out.Outcome, err)
	return out, err
}

func (h *Handlers) captureEPCIS(ctx context.Context, a access.Actor, in CaptureEPCIS) (CaptureOutcome, error) {
	if err := a.MayRecord(); err != nil {
		return CaptureOutcome{}, err
	}
	switch {
	case len(in.Events) == 0:
		return CaptureOutcome{}, domain.Invalid("eventList", "holds_no_event", "holds no event")
	case len(in.Events) > MaxCaptureEvents:
		return CaptureOutcome{}, domain.Invalid("eventList", "holds_events_more_than", "holds %d events, more than %d", len(in.Events), MaxCaptureEvents)
	case in.JobID == "":
		return CaptureOutcome{}, domain.Invalid("job_id", "required", "is required")
	}
	var refused []EventError
	for i, ev := range in.Events {
		if err := checkBounds(ev); err != nil {
			refused = append(refused, eventError(i, err))
		}
		if !strings.HasPrefix(ev.HashID, "ni:///sha-256;") {
			refused = append(refused, eventError(i, domain.Invalid("hash_id", "not_cbv_2_0_event", "is not a CBV 2.0 event hash id")))
		}
	}
	if len(refused) > 0 {
		return CaptureOutcome{}, &CaptureRefused{Errors: refused}
	}
	var out CaptureOutcome
	var err error
	for range concurrencyRetries {
		if out, err = h.decideDocument(ctx, a, in); !errors.Is(err, event.ErrConcurrency) {
			break
		}
	}
	return out, err
}

// decideDocument decides every event of the document in one document unit
// and commits them, or refuses the document.
func (h *Handlers) decideDocument(ctx context.Context, a access.Actor, in CaptureEPCIS) (CaptureOutcome, error) {
	d := h.openDocument()
	defer d.end()
	dh := h.within(d)
	out := CaptureOutcome{JobID: in.JobID, Results: make([]EventResult, len(in.Events))}
	var refused []EventError
	seen := map[string]bool{}
	captured := 0
	for i, ev := range in.Events {
		res := EventResult{Index: i, HashID: ev.HashID}
		stream := capture.Stream(ev.HashID)
		rec, err := dh.captureRecord(ctx, stream)
		if err != nil {
			return CaptureOutcome{}, err
		}
		if rec.Captured() || seen[stream] {
			res.Outcome = OutcomeAlreadyCaptured
			out.Results[i] = res
			continue
		}
		seen[stream] = true
		evCtx := WithCorrelation(ctx, in.JobID, ev.HashID)
		m, err := dh.mapEvent(evCtx, a, ev)
		if err != nil && !isRefusal(err) {
			return CaptureOutcome{}, err
		}
		if err != nil {
			refused = append(refused, eventError(i, err))
			continue
		}
		ids := make([]string, 0, len(m.out.Events))
		for _, e := range m.out.Events {
			ids = append(ids, e.EventID.String())
		}
		if err := dh.recordCapture(evCtx, a, stream, capturedOf(in.JobID, ev, m, ids)); err != nil {
			refused = append(refused, eventError(i, err))
			continue
		}
		d.appendFirst(stream)
		res.Outcome, res.Command, res.Events = OutcomeCaptured, m.command, m.out.Events
		out.Results[i] = res
		captured++
	}
	if len(refused) > 0 {
		return CaptureOutcome{}, &CaptureRefused{Errors: refused}
	}
	if captured > 0 {
		if err := dh.recordJob(ctx, a, in, out.Results); err != nil {
			return CaptureOutcome{}, err
		}
		d.appendFirst(capture.JobStream(in.JobID))
	}
	recs, err := d.commit(ctx)
	if err != nil {
		return CaptureOutcome{}, err
	}
	out.Outcome = outcomeOf(recs)
	placed := map[string]Appended{}
	for _, e := range out.Outcome.Events {
		placed[e.EventID.String()] = e
	}
	for i := range out.Results {
		for j, e := range out.Results[i].Events {
			out.Results[i].Events[j] = placed[e.EventID.String()]
		}
	}
	return out, nil
}

// captureRecord loads a captured event's (or a job's) stream in the
// document.
func (h *Handlers) captureRecord(ctx context.Context, stream string) (*capture.Record, error) {
	u := h.begin(readOnly, nil, []string{stream})
	defer u.end()
	return load(ctx, u, stream, capture.Load)
}

// recordCapture stages a captured event's record, at the event's time.
func (h *Handlers) recordCapture(ctx context.Context, a access.Actor, stream string, ev capture.EventCaptured) error {
	at, err := time.Parse(time.RFC3339Nano, ev.EventTime)
	if err != nil {
		return domain.InvalidValue("eventTime", err)
	}
	u := h.begin(h.metadata(ctx, a, Common{OccurredAt: &at}), []string{stream}, nil)
	defer u.end()
	r, err := load(ctx, u, stream, capture.Load)
	if err != nil {
		return err
	}
	if err := r.Capture(ev); err != nil {
		return err
	}
	_, err = u.commit(ctx)
	return err
}

// recordJob stages the job's record.
func (h *Handlers) recordJob(ctx context.Context, a access.Actor, in CaptureEPCIS, results []EventResult) error {
	stream := capture.JobStream(in.JobID)
	rc := h.metadata(WithCorrelation(ctx, in.JobID, ""), a, Common{})
	u := h.begin(rc, []string{stream}, nil)
	defer u.end()
	r, err := load(ctx, u, stream, capture.Load)
	if err != nil {
		return err
	}
	j := capture.JobRecorded{JobID: in.JobID, ActorUSCC: a.USCC, ActorRole: string(a.Role), Format: in.Format,
		ReceivedAt: rc.now.Format(time.RFC3339Nano)}
	for _, res := range results {
		j.Results = append(j.Results, capture.JobResult{Index: res.Index, HashID: res.HashID, Outcome: res.Outcome, Command: res.Command})
	}
	if err := r.RecordJob(j); err != nil {
		return err
	}
	_, err = u.commit(ctx)
	return err
}

// capturedOf is the capture record of ev.
func capturedOf(jobID string, ev EPCISEvent, m mapped, ids []string) capture.EventCaptured {
	c := capture.EventCaptured{HashID: ev.HashID, EventID: ev.EventID, JobID: jobID, Kind: ev.Type,
		EventTime: ev.EventTime.UTC().Format(time.RFC3339Nano), Action: ev.Action, BizStep: ev.BizStep, Disposition: ev.Disposition,
		EPCs: ev.EPCs, Items: m.items, Batches: m.batches, Enterprises: m.enterprises, Command: m.command, DomainEvents: ids,
		DeclarationNo: ev.DeclarationNo, Document: ev.Document, SensorElements: ev.SensorElements}
	for _, t := range ev.BizTransactions {
		c.BizTransactions = append(c.BizTransactions, capture.BizTransaction{Type: t.Type, Value: t.Value})
	}
	return c
}

// eventError is err as event i's fault, naming the rule.
func eventError(i int, err error) EventError {
	e := EventError{Index: i, Rule: "ledger", Message: err.Error()}
	var fe *domain.FieldError
	var re *domain.RuleError
	var ce *captureRule
	switch {
	case errors.As(err, &ce):
		e.Field, e.Rule, e.Message = ce.field, ce.rule, ce.msg
	case errors.As(err, &fe):
		e.Field, e.Rule, e.Message = epcisField(fe.Field, err), "invalid", fe.Message
	case errors.As(err, &re):
		e.Field, e.Message = epcisField(re.Field, err), re.Message
		switch {
		case errors.Is(err, domain.ErrNotFound):
			e.Rule = "not_found"
		case errors.Is(err, domain.ErrForbidden):
			e.Rule = "forbidden"
		default:
			e.Rule = "conflict"
		}
	default:
		e.Rule, e.Message = "internal", fmt.Sprintf("%v", err)
	}
	e.Reason, e.Params = domain.ReasonOf(err)
	return e
}
