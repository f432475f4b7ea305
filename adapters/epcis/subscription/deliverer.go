package subscription

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/traceledger/traceledger/adapters/epcis/querydoc"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
)

// Subscriptions is the subscription read model; *epcissub.Projection
// implements it.
type Subscriptions interface {
	EPCISSubscriptions(owner, queryName string) []query.EPCISSubscription
}

// Events follows the events of a filter a reader may see;
// *query.EPCISQueries implements it.
type Events interface {
	Follow(ctx context.Context, a access.Actor, f query.EPCISFilter, from uint64, deliver func(evs []query.EPCISEvent, through uint64) error) error
	Since(ctx context.Context, a access.Actor, f query.EPCISFilter, from uint64) (evs []query.EPCISEvent, through uint64, err error)
}

// Opener opens a signature token sealed for a subscription id;
// *notify.Sealer implements it.
type Opener interface {
	Open(bindTo, sealed string) (string, error)
}

// Deliverer runs one follower per active webhook subscription, starting
// one for each new subscription and stopping one whose subscription was
// cancelled or whose query was deleted.
type Deliverer struct {
	Subscriptions Subscriptions
	// Progress is the subscription model's: the deliverer looks at the
	// subscriptions again whenever it moves.
	Progress    query.Progress
	Events      Events
	Checkpoints *Checkpoints
	Opener      Opener
	// Parse reads a named query's stored parameters as a filter.
	Parse  func(raw string) (query.EPCISFilter, error)
	Poster Poster
	Now    func() time.Time
	Logger *slog.Logger

	stats deliveryStats
}

// Validate names every missing field.
func (d *Deliverer) Validate() error {
	var errs []error
	for name, ok := range map[string]bool{"Subscriptions": d.Subscriptions != nil, "Progress": d.Progress != nil,
		"Events": d.Events != nil, "Checkpoints": d.Checkpoints != nil, "Opener": d.Opener != nil, "Parse": d.Parse != nil} {
		if !ok {
			errs = append(errs, fmt.Errorf("subscription deliverer: %s is required", name))
		}
	}
	return errors.Join(errs...)
}

// restartAfter is how long a follower that failed (its query unreadable,
// its checkpoint unwritable) waits before it starts again.
const restartAfter = 5 * time.Second

// Run delivers until ctx ends; it returns ctx's error after every
// follower stopped.
func (d *Deliverer) Run(ctx context.Context) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if d.Poster.Report == nil {
		d.Poster.Report = func(delivery string, err error) { d.stats.report(delivery, err, d.now()) }
	}
	type running struct {
		cancel context.CancelFunc
		done   chan struct{}
	}
	followers := map[string]running{}
	var wg sync.WaitGroup
	defer func() {
		for _, f := range followers {
			f.cancel()
		}
		wg.Wait()
	}()
	for {
		seen := map[string]bool{}
		for _, s := range d.Subscriptions.EPCISSubscriptions("", "") {
			seen[s.ID] = true
			if f, ok := followers[s.ID]; ok {
				select {
				case <-f.done: // failed: started again below
					f.cancel()
				default:
					continue
				}
			}
			fctx, cancel := context.WithCancel(ctx)
			done := make(chan struct{})
			followers[s.ID] = running{cancel, done}
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := d.follow(fctx, s); err != nil && fctx.Err() == nil {
					d.logger().Warn("EPCIS subscription stopped; it starts again", "subscription", s.ID, "err", err, "after", restartAfter)
					select {
					case <-fctx.Done():
					case <-time.After(restartAfter):
					}
				}
				close(done)
			}()
		}
		for id, f := range followers {
			if !seen[id] {
				f.cancel()
				delete(followers, id)
			}
		}
		wctx, cancel := context.WithTimeout(ctx, time.Second)
		err := d.Progress.WaitFor(wctx, d.Progress.Position()+1)
		timedOut := wctx.Err() != nil
		cancel()
		if err != nil && !timedOut {
			// The model failed: look again in a second rather than spin.
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// follow delivers one subscription from its checkpoint: after the
// position it was recorded at, or from the start of the log when it asked
// for events since an initial record time.
func (d *Deliverer) follow(ctx context.Context, s query.EPCISSubscription) error {
	f, err := d.Parse(s.Query)
	if err != nil {
		return fmt.Errorf("subscription %s: query %s: %w", s.ID, s.QueryName, err)
	}
	from, ok, err := d.Checkpoints.Load(s.ID)
	if err != nil {
		return err
	}
	if !ok {
		from = s.Position
	}
	if t := s.InitialRecordTime; t != nil {
		if !ok {
			from = 0
		}
		if f.GERecordTime.Before(*t) {
			f.GERecordTime = *t
		}
	}
	secret := ""
	if s.SignatureSealed != "" {
		if secret, err = d.Opener.Open(s.ID, s.SignatureSealed); err != nil {
			return fmt.Errorf("subscription %s: %w", s.ID, err)
		}
	}
	format, _ := querydoc.ParseEPCFormat(s.EPCFormat)
	if s.Schedule != nil {
		return d.scheduled(ctx, s, f, from, secret, format)
	}
	saved, savedAt := from, time.Time{}
	return d.Events.Follow(ctx, s.Subscriber, f, from, func(evs []query.EPCISEvent, through uint64) error {
		for _, ev := range evs {
			body, err := querydoc.JSONLD(querydoc.Page{QueryName: s.QueryName, Events: []query.EPCISEvent{ev}, Format: format, Created: d.now()})
			if err != nil {
				return fmt.Errorf("subscription %s: render %s: %w", s.ID, ev.LedgerEventID, err)
			}
			if err := d.Poster.Post(ctx, s.Dest, secret, DeliveryID(s.ID, ev.LedgerEventID), ev.LedgerType, body); err != nil {
				return fmt.Errorf("subscription %s: %w", s.ID, err)
			}
			if err := d.Checkpoints.Save(s.ID, ev.Position); err != nil {
				return err
			}
			saved, savedAt = ev.Position, d.now()
		}
		// Positions without a matching event are kept at most once a
		// second: losing one only makes a restart look at them again.
		if through > saved && d.now().Sub(savedAt) >= time.Second {
			if err := d.Checkpoints.Save(s.ID, through); err != nil {
				return err
			}
			saved, savedAt = through, d.now()
		}
		return nil
	})
}

// DeliveryID is the DeliveryHeader of one event's delivery to one
// subscription: the same on every retry and after a restart.
func DeliveryID(subscriptionID, ledgerEventID string) string {
	return subscriptionID + "/" + ledgerEventID
}

func (d *Deliverer) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func (d *Deliverer) logger() *slog.Logger {
	if d.Logger != nil {
		return d.Logger
	}
	return slog.Default()
}

// client is the Poster's HTTP client unless it sets one.
var client = &http.Client{Timeout: 10 * time.Second}
