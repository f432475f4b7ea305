package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/ThreeDotsLabs/watermill/message"

	"github.com/traceledger/traceledger/domain/event"
)

// ForwarderOptions tune a Forwarder. Zero values give the production
// behaviour.
type ForwarderOptions struct {
	// Checkpoint is the destination's record of the last published
	// position (PubSub.Checkpoint); nil starts from the beginning of the
	// log every time (tests, benchmarks).
	Checkpoint Checkpoint
	// SaveEvery is how often the checkpoint is written (default 1s).
	SaveEvery time.Duration
	// MaxBackoff caps the wait between attempts while publishing fails
	// (default 5s; the first wait is 50ms and doubles).
	MaxBackoff time.Duration
	// Logger reports failed publishes (default slog.Default()).
	Logger *slog.Logger
}

// Forwarder publishes every committed record, in log order, to a Watermill
// publisher. A publish that fails is retried with backoff from the same
// record, so nothing is skipped; a record may be published again after a
// failure whose publish did in fact reach the broker, which is why the
// message UUID is the event id and the JetStream stream de-duplicates on it.
type Forwarder struct {
	store     event.Store
	pub       message.Publisher
	o         ForwarderOptions
	published atomic.Uint64
	failures  atomic.Uint64
}

// NewForwarder builds a forwarder from store to pub.
func NewForwarder(store event.Store, pub message.Publisher, o ForwarderOptions) *Forwarder {
	if o.SaveEvery <= 0 {
		o.SaveEvery = time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 5 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return &Forwarder{store: store, pub: pub, o: o}
}

// Position is the last position published.
func (f *Forwarder) Position() uint64 { return f.published.Load() }

// Failures counts failed publish attempts since the start.
func (f *Forwarder) Failures() uint64 { return f.failures.Load() }

// Run forwards until ctx ends, then saves the checkpoint and returns nil.
// It returns an error only when the checkpoint cannot be read for a reason
// other than ErrUnavailable; a broker that is down at start is waited for.
func (f *Forwarder) Run(ctx context.Context) error {
	backoff := 50 * time.Millisecond
	for {
		pos, err := f.start(ctx)
		if err == nil {
			f.published.Store(pos)
			break
		}
		if !errors.Is(err, ErrUnavailable) {
			return err
		}
		f.failures.Add(1)
		f.o.Logger.Warn("bus forwarder: waiting for the broker", "in", backoff, "err", err)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, f.o.MaxBackoff)
	}
	lastSave := time.Now()
	for {
		err := f.store.Subscribe(ctx, f.published.Load(), func(rec event.Record) error {
			if err := f.pub.Publish(Topic(rec.Type), Message(rec)); err != nil {
				return fmt.Errorf("publish position %d: %w", rec.Position, err)
			}
			f.published.Store(rec.Position)
			backoff = 50 * time.Millisecond
			if time.Since(lastSave) >= f.o.SaveEvery {
				lastSave = time.Now()
				return f.save()
			}
			return nil
		})
		if ctx.Err() != nil {
			if err := f.save(); err != nil {
				f.o.Logger.Error("bus forwarder", "err", err)
			}
			return nil
		}
		f.failures.Add(1)
		f.o.Logger.Warn("bus forwarder: retrying", "position", f.published.Load(), "in", backoff, "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, f.o.MaxBackoff)
	}
}

// start is the position after which forwarding begins.
func (f *Forwarder) start(ctx context.Context) (uint64, error) {
	if f.o.Checkpoint == nil {
		return 0, nil
	}
	return f.o.Checkpoint.Load(ctx)
}

func (f *Forwarder) save() error {
	if f.o.Checkpoint == nil {
		return nil
	}
	return f.o.Checkpoint.Save(f.published.Load())
}
