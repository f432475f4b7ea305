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
	// Categories, when not nil, are the only event categories the
	// destination delivers (Selective): the forwarder publishes those
	// alone and moves its checkpoint past the others, which it reads by
	// category where the store can (event.CategoryReader) instead of
	// decoding them. Empty forwards nothing; nil forwards every record.
	Categories []string
}

// Forwarder publishes every committed record (or those of the categories
// the destination delivers), in log order, to a Watermill publisher. A publish that fails is retried with backoff from the same
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

// NewForwarderInto builds a forwarder from store into ps. A selective bus
// is sent the categories its consumers subscribed to by now, so build it
// once they have (a router's Running).
func NewForwarderInto(store event.Store, ps PubSub, o ForwarderOptions) *Forwarder {
	if s, ok := ps.(Selective); ok && o.Categories == nil {
		o.Categories = s.Categories()
	}
	return NewForwarder(store, ps.Publisher(), o)
}

// Position is the last position forwarded: published, or passed over as
// of a category the destination does not deliver.
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
		err := f.forward(ctx, &lastSave, &backoff)
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

// forward publishes what follows the last published position: into a bus
// of some categories, first what is stored of those (read by category
// where the store can), then every record as it commits. It returns when
// ctx ends or a publish or a read fails.
func (f *Forwarder) forward(ctx context.Context, lastSave *time.Time, backoff *time.Duration) error {
	var wanted map[string]bool
	if f.o.Categories != nil {
		wanted = make(map[string]bool, len(f.o.Categories))
		for _, c := range f.o.Categories {
			wanted[c] = true
		}
		if cr, ok := f.store.(event.CategoryReader); ok {
			if err := f.catchUp(ctx, cr, lastSave, backoff); err != nil {
				return err
			}
		}
	}
	return f.store.Subscribe(ctx, f.published.Load(), func(rec event.Record) error {
		if wanted == nil || wanted[event.Category(rec.Type)] {
			if err := f.publish(rec); err != nil {
				return err
			}
			*backoff = 50 * time.Millisecond
		}
		f.published.Store(rec.Position)
		return f.saveEvery(lastSave)
	})
}

// catchUp publishes the stored records of the destination's categories,
// up to the head.
func (f *Forwarder) catchUp(ctx context.Context, cr event.CategoryReader, lastSave *time.Time, backoff *time.Duration) error {
	for {
		after := f.published.Load()
		recs, through, err := cr.ReadCategories(ctx, after, f.o.Categories, catchUpPage)
		if err != nil {
			return fmt.Errorf("read categories %v after %d: %w", f.o.Categories, after, err)
		}
		for _, rec := range recs {
			if err := f.publish(rec); err != nil {
				return err
			}
			*backoff = 50 * time.Millisecond
			f.published.Store(rec.Position)
		}
		if through == after {
			return nil
		}
		f.published.Store(through)
		if err := f.saveEvery(lastSave); err != nil {
			return err
		}
	}
}

// catchUpPage is how many records one read of the catch-up asks for.
const catchUpPage = 512

func (f *Forwarder) publish(rec event.Record) error {
	if err := f.pub.Publish(Topic(rec.Type), Message(rec)); err != nil {
		return fmt.Errorf("publish position %d: %w", rec.Position, err)
	}
	return nil
}

// saveEvery saves the checkpoint when SaveEvery has passed since the last
// save.
func (f *Forwarder) saveEvery(lastSave *time.Time) error {
	if time.Since(*lastSave) < f.o.SaveEvery {
		return nil
	}
	*lastSave = time.Now()
	return f.save()
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
