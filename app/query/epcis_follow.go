package query

import (
	"context"
	"fmt"

	"github.com/traceledger/traceledger/domain/access"
)

// FollowBatch is the most events one step of Follow or one call of Since
// hands over.
const FollowBatch = 100

const followBatch = FollowBatch

// Follow hands deliver, in log order, every event matching f that the
// reader a may see and that was recorded after position from, as the read
// models fold them, until ctx ends or deliver fails. Each call carries the
// events of one step and through, the position they cover: every matching
// event up to through was in this call or an earlier one, so a subscriber
// that keeps through resumes there without a gap. A step with no event
// still reports through as the models move on. f's order and paging are
// ignored: a subscription reads in the log's order.
func (q *EPCISQueries) Follow(ctx context.Context, a access.Actor, f EPCISFilter, from uint64, deliver func(evs []EPCISEvent, through uint64) error) error {
	s, err := q.follower(ctx, a, f)
	if err != nil {
		return err
	}
	pos := from
	for {
		evs, through, head, err := s.step(pos)
		if err != nil {
			return err
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

// Since answers, at once, up to FollowBatch events matching f that a may
// see recorded after position from, in log order, and the position they
// cover (as Follow's through; from when the models have not moved): what
// a scheduled subscription sends at each run.
func (q *EPCISQueries) Since(ctx context.Context, a access.Actor, f EPCISFilter, from uint64) (evs []EPCISEvent, through uint64, err error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	s, err := q.follower(ctx, a, f)
	if err != nil {
		return nil, 0, err
	}
	evs, through, _, err = s.step(from)
	if err != nil {
		return nil, 0, err
	}
	return evs, max(through, from), nil
}

// follower is a filter bound to a reader, read in log order.
type follower struct {
	q       *EPCISQueries
	f       EPCISFilter
	visible func(*EPCISEvent) bool
	held    *holderRead
}

func (q *EPCISQueries) follower(ctx context.Context, a access.Actor, f EPCISFilter) (*follower, error) {
	visible, held, err := q.visibility(ctx, a)
	if err != nil {
		return nil, err
	}
	if own, only := a.OwnOnly(); only {
		f.Concerning = own
	}
	f.OrderBy, f.Desc = "", false
	return &follower{q: q, f: f, visible: visible, held: held}, nil
}

// step reads the next events after pos: those and the position they
// cover, with the models' position it read them at. A failed read, of the
// events or of who held their batches, is an error: skipping the events it
// hid would lose them.
func (s *follower) step(pos uint64) (evs []EPCISEvent, through, head uint64, err error) {
	head = s.q.progress.Position()
	f := s.f
	f.After = &EPCISCursor{Position: pos}
	evs, err = s.q.model.EPCISEvents(f, s.visible, followBatch)
	if err != nil {
		return nil, 0, 0, err
	}
	if s.held.err != nil {
		return nil, 0, 0, fmt.Errorf("read batch holders: %w", s.held.err)
	}
	through = head
	if len(evs) == followBatch {
		through = evs[len(evs)-1].Position
	} else if len(evs) > 0 {
		through = max(head, evs[len(evs)-1].Position)
	}
	return evs, through, head, nil
}
