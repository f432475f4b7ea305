package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/ThreeDotsLabs/watermill/message"

	"github.com/traceledger/traceledger/adapters/bus"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/directory"
)

// Lists answers a recall's holders; *recalllist.Projection implements it.
type Lists interface {
	Get(ctx context.Context, id string, now time.Time, dir query.Directory) (query.RecallList, error)
}

// Directory answers an enterprise's webhook URL; *directory.Projection
// implements it.
type Directory interface {
	Enterprise(uscc string) (directory.Entry, bool)
}

// Waiter waits until the read models cover a log position; *runner.Runner
// implements it. The bus can deliver recall.started before the recall list
// has folded it.
type Waiter interface {
	WaitFor(ctx context.Context, pos uint64) error
}

// Recorder records a delivery; *command.Handlers implements it, deciding
// again when a concurrent writer moved the notice stream.
type Recorder interface {
	RecordNotification(ctx context.Context, a access.Actor, in command.RecordNotification) (command.Outcome, error)
}

// Notifier is the bus consumer of recall starts.
type Notifier struct {
	Lists     Lists
	Directory Directory
	Waiter    Waiter
	Recorder  Recorder
	Secrets   *Secrets
	Poster    Poster
	Now       func() time.Time
	Logger    *slog.Logger
}

// HandlerName names the consumer in the router, its metrics and its durable
// JetStream consumer.
const HandlerName = "recall-notifier"

// AddTo adds the notifier to a bus router as a consumer of
// traceledger.recall.
func (n *Notifier) AddTo(r *message.Router, ps bus.PubSub) error {
	sub, err := ps.Subscriber(HandlerName)
	if err != nil {
		return fmt.Errorf("recall notifier: %w", err)
	}
	r.AddConsumerHandler(HandlerName, bus.Topic(recall.TypeStarted), sub, n.Handle)
	return nil
}

// Handle notifies every holder of a started recall that has a webhook and
// was not notified yet. Other events of the topic are acknowledged as they
// come. One holder's failure fails the message after the others were
// tried, so the router retries it (skipping those already notified) and
// finally moves it to the poison queue.
func (n *Notifier) Handle(msg *message.Message) error {
	if msg.Metadata.Get(bus.MetaType) != recall.TypeStarted {
		return nil
	}
	ctx := msg.Context()
	var ev recall.Started
	if err := json.Unmarshal(msg.Payload, &ev); err != nil {
		return fmt.Errorf("recall notifier: message %s: %w", msg.UUID, err)
	}
	pos, err := bus.Position(msg)
	if err != nil {
		return err
	}
	if err := n.Waiter.WaitFor(ctx, pos); err != nil {
		return fmt.Errorf("recall notifier: wait for position %d: %w", pos, err)
	}
	now := time.Now
	if n.Now != nil {
		now = n.Now
	}
	list, err := n.Lists.Get(ctx, ev.RecallID, now(), nil)
	if err != nil {
		return fmt.Errorf("recall notifier: recall %s: %w", ev.RecallID, err)
	}
	if list.ClosedAt != nil {
		// A closed recall needs no notice: this is a replay of old history
		// (a first start with the bus, a lost checkpoint).
		return nil
	}
	var errs []error
	for _, row := range list.Holders {
		if err := n.notify(ctx, ev, row); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// notify delivers one holder's notice and records it.
func (n *Notifier) notify(ctx context.Context, ev recall.Started, row query.RecallRow) error {
	if row.Notified {
		return nil
	}
	entry, ok := n.Directory.Enterprise(row.USCC)
	if !ok || entry.WebhookURL == "" {
		return nil
	}
	secret, _, err := n.Secrets.Secret(ctx, row.USCC)
	if err != nil {
		n.logger().Warn("webhook secret not available: the notice goes unsigned", "holder", row.USCC, "err", err)
	}
	body, err := json.Marshal(Notice{RecallID: ev.RecallID, Level: ev.Level, Reason: ev.Reason, Batches: ev.Batches,
		StartBy: ev.StartBy, CompleteBy: ev.CompleteBy, HolderUSCC: row.USCC,
		Affected: Units{InStock: row.InStock, InTransit: row.InTransit, Sold: row.Sold}})
	if err != nil {
		return fmt.Errorf("notice to %s: %w", row.USCC, err)
	}
	d, err := n.Poster.post(ctx, entry.WebhookURL, secret, ev.RecallID+"/"+row.USCC, body)
	if err != nil {
		n.logger().Warn("recall notice not delivered", "recall", ev.RecallID, "holder", row.USCC, "err", err)
		if errors.Is(err, errPermanent) {
			return nil
		}
		return fmt.Errorf("notice of %s to %s: %w", ev.RecallID, row.USCC, err)
	}
	_, err = n.Recorder.RecordNotification(ctx, access.Actor{Role: access.RoleSystem}, command.RecordNotification{
		RecallID: ev.RecallID, HolderUSCC: row.USCC, URL: entry.WebhookURL, Status: d.Status, Attempts: d.Attempts})
	if err != nil {
		return fmt.Errorf("record notice of %s to %s: %w", ev.RecallID, row.USCC, err)
	}
	return nil
}

func (n *Notifier) logger() *slog.Logger {
	if n.Logger != nil {
		return n.Logger
	}
	return slog.Default()
}
