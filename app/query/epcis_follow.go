package query

import (
	"context"

	"github.com/traceledger/traceledger/domain/access"
)

// followBatch bounds the events one step of Follow hands over.
const followBatch = 100

// Follow hands deliver, in log order, every event matching f that the
// reader a may see and that was recorded after position from, as the read
// models fold them, until ctx ends or deliver fails. Each call carries the
// events of one step and through, the position they cover: every matching
// event up to through was in this call or an earlier one, so a subscriber
// that keeps through resumes there without a gap. A step with no event
// still reports through as the models move on. f's order and paging are
// ignored: a subscription reads in the log's order.
func (q *EPCISQueries) Follow(ctx context.Context, a access.Actor, f EPCISFilter, from uint64, deliver func(evs []EPCISEvent, through uint64) error) error {
	visible, err := q.visibility(a)
	if err != nil {
		return err
	}
	if own, only := a.OwnOnly(); only {
		f.Concerning = own
	}
	f.OrderBy, f.Desc = "", false
	pos := from
	for {
		head := q.progress.Position()
		f.After = &EPCISCursor{Position: pos}
		evs := q.model.EPCISEvents(f, visible, followBatch)
		through := head
		if len(evs) == followBatch {
			through = evs[len(evs)-1].Position
		} else if len(evs) > 0 {
			through = max(head, evs[len(evs)-1].Position)
		}
		if through > pos {
			if err := deliver(evs, through); err != nil {
				return err
			}
			pos = through
		}
		if len(evs) == followBatch {
			continue
		}
		if err := q.progress.WaitFor(ctx, max(head, pos)+1); err != nil {
			return err
		}
	}
}
