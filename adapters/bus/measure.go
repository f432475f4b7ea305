package bus

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/event"
)

// PublishRates are the two figures of one MeasurePublish run, in messages
// per second: the forwarder's (read from the store, build the message,
// publish, checkpoint) beside Watermill's own publish of ready-made
// messages on the same pub/sub. Their ratio is what the forwarder costs.
type PublishRates struct {
	Events    int
	Forwarder float64
	Raw       float64
}

func (r PublishRates) String() string {
	return fmt.Sprintf("%d events: forwarder %.0f/s, raw Watermill publish %.0f/s (%.0f%%)",
		r.Events, r.Forwarder, r.Raw, 100*r.Forwarder/r.Raw)
}

// MeasurePublish forwards the whole log of store (which must hold events)
// through a fresh forwarder with no checkpoint, then publishes the same
// records again straight to ps.Publisher() under fresh UUIDs (so
// JetStream's de-duplication does not drop them), one message per Publish
// as the forwarder does. A consumer, if any, is the caller's to run.
func MeasurePublish(ctx context.Context, store event.Store, ps PubSub) (PublishRates, error) {
	head, err := store.Head(ctx)
	if err != nil {
		return PublishRates{}, fmt.Errorf("measure publish: %w", err)
	}
	if head == 0 {
		return PublishRates{}, fmt.Errorf("measure publish: the log is empty")
	}
	recs, err := store.ReadAll(ctx, 0, int(head))
	if err != nil {
		return PublishRates{}, fmt.Errorf("measure publish: %w", err)
	}

	f := NewForwarder(store, ps.Publisher(), ForwarderOptions{})
	fctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- f.Run(fctx) }()
	for f.Position() < head {
		if ctx.Err() != nil {
			cancel()
			return PublishRates{}, ctx.Err()
		}
		time.Sleep(time.Millisecond)
	}
	took := time.Since(start)
	cancel()
	if err := <-done; err != nil {
		return PublishRates{}, fmt.Errorf("measure publish: %w", err)
	}
	rates := PublishRates{Events: len(recs), Forwarder: float64(head) / took.Seconds()}

	pub := ps.Publisher()
	start = time.Now()
	for _, r := range recs {
		m := Message(r)
		m.UUID = uuid.NewString()
		if err := pub.Publish(Topic(r.Type), m); err != nil {
			return PublishRates{}, fmt.Errorf("measure publish: raw: %w", err)
		}
	}
	rates.Raw = float64(len(recs)) / time.Since(start).Seconds()
	return rates, nil
}
