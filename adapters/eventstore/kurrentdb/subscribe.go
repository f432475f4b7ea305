package kurrentdb

import (
	"context"
	"fmt"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/traceledger/traceledger/domain/event"
)

// resubscribeDelay is the pause before a dropped subscription is renewed.
const resubscribeDelay = 500 * time.Millisecond

// Subscribe calls fn for every record after position after: a catch-up
// subscription to the log stream, which KurrentDB serves first from what is
// stored, then live, in revision order. When the subscription drops (a
// leader change, a network fault) it subscribes again after the last
// position fn saw, so fn sees no gap and no duplicate; each record's position
// is checked to be the next one.
func (s *Store) Subscribe(ctx context.Context, after uint64, fn func(event.Record) error) error {
	last := after
	for {
		if err := s.check(ctx); err != nil {
			return err
		}
		err := s.subscribeOnce(ctx, &last, fn)
		if fnErr, ok := err.(fnError); ok {
			return fnErr.err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if s.closed.Load() {
			return ErrClosed
		}
		select { // dropped: renew from last
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(resubscribeDelay):
		}
	}
}

// fnError marks the subscriber's own error, which ends Subscribe.
type fnError struct{ err error }

func (e fnError) Error() string { return e.err.Error() }

// subscribeOnce runs one KurrentDB subscription from *last until it drops,
// advancing *last past every record fn accepted.
func (s *Store) subscribeOnce(ctx context.Context, last *uint64, fn func(event.Record) error) error {
	var from esdb.StreamPosition = esdb.Start{}
	if *last > 0 {
		from = esdb.Revision(*last - 1) // a subscription starts after the revision it is given
	}
	sub, err := s.client.SubscribeToStream(ctx, s.log, esdb.SubscribeToStreamOptions{From: from})
	if err != nil {
		return fmt.Errorf("subscribe to log %q after %d: %w", s.log, *last, err)
	}
	defer sub.Close()
	stop := context.AfterFunc(ctx, func() { _ = sub.Close() })
	defer stop()
	for {
		ev := sub.Recv()
		switch {
		case ev.SubscriptionDropped != nil:
			return fmt.Errorf("subscription to log %q dropped after %d: %w", s.log, *last, ev.SubscriptionDropped.Error)
		case ev.EventAppeared == nil || ev.EventAppeared.Event == nil || systemEvent(ev.EventAppeared.Event):
			continue
		}
		r, err := decode(ev.EventAppeared.Event)
		if err != nil {
			return fnError{fmt.Errorf("subscribe to log %q: %w", s.log, err)}
		}
		if r.Position <= *last {
			continue // already seen before a drop
		}
		if r.Position != *last+1 {
			return fnError{fmt.Errorf("subscribe to log %q: %w: %d after %d", s.log, errGap, r.Position, *last)}
		}
		if err := fn(r); err != nil {
			return fnError{err}
		}
		*last = r.Position
	}
}
