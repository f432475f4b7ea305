package subscription

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/traceledger/traceledger/adapters/epcis/querydoc"
	"github.com/traceledger/traceledger/app/query"
)

// scheduled runs a scheduled subscription: at each time its schedule
// names, the matching events recorded since the last run are POSTed as
// query documents of up to query.FollowBatch events each (the binding
// has no paging for a POST), each saved as delivered once taken; a run
// with no event reports an empty document only when reportIfEmpty. A
// document's delivery id is the subscription's id and "run-" with the
// position it covers, the same when a crash makes it be sent again (an
// empty report's, "empty-" and its run's Unix time).
func (d *Deliverer) scheduled(ctx context.Context, s query.EPCISSubscription, f query.EPCISFilter, from uint64, secret string, format querydoc.EPCFormat) error {
	for {
		next := s.Schedule.Next(d.now())
		if next.IsZero() {
			<-ctx.Done()
			return ctx.Err()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Until(next)):
		}
		for first := true; ; first = false {
			evs, through, err := d.Events.Since(ctx, s.Subscriber, f, from)
			if err != nil {
				return fmt.Errorf("subscription %s: %w", s.ID, err)
			}
			if len(evs) > 0 || first && s.ReportIfEmpty {
				body, err := querydoc.JSONLD(querydoc.Page{QueryName: s.QueryName, Events: evs, Format: format, Created: d.now()})
				if err != nil {
					return fmt.Errorf("subscription %s: render: %w", s.ID, err)
				}
				id := DeliveryID(s.ID, "run-"+strconv.FormatUint(through, 10))
				if len(evs) == 0 {
					// An empty report covers no event: it is named by its run.
					id = DeliveryID(s.ID, "empty-"+strconv.FormatInt(next.Unix(), 10))
				}
				if err := d.Poster.Post(ctx, s.Dest, secret, id, "", body); err != nil {
					return fmt.Errorf("subscription %s: %w", s.ID, err)
				}
			}
			if through > from {
				if err := d.Checkpoints.Save(s.ID, through); err != nil {
					return err
				}
				from = through
			}
			if len(evs) < query.FollowBatch {
				break
			}
		}
	}
}
