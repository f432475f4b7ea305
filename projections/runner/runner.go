package runner

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

// Options tune a Runner.
type Options struct {
	// Dir holds the snapshot files (one per projection).
	Dir string
	// SnapshotEvery is how often a changed model is saved (default 30 s);
	// models are also saved when the runner stops.
	SnapshotEvery time.Duration
	// BatchSize bounds the envelopes applied under one lock (default: the
	// smallest its projections ask for, 4096 for one that asks none).
	BatchSize int
}

// Status is one projection's progress, for metrics and health.
type Status struct {
	Name     string
	Position uint64
	Err      error
}

type entry struct {
	p        Projection
	position atomic.Uint64
	err      error
}

// Runner folds the log into its projections.
type Runner struct {
	store   event.Store
	o       Options
	entries []*entry
	applied atomic.Uint64

	mu     sync.Mutex
	moved  chan struct{} // closed and replaced whenever applied moves
	errMu  sync.Mutex
	loaded bool
}

// New builds a runner over the store for the projections.
func New(store event.Store, o Options, ps ...Projection) *Runner {
	if o.SnapshotEvery <= 0 {
		o.SnapshotEvery = 30 * time.Second
	}
	if o.BatchSize <= 0 {
		o.BatchSize = batchSizeOf(ps)
	}
	r := &Runner{store: store, o: o, moved: make(chan struct{})}
	for _, p := range ps {
		r.entries = append(r.entries, &entry{p: p})
	}
	return r
}

// Load restores every projection from its snapshot. Run calls it if it was
// not called; call it first to serve queries from the snapshot at once.
// Each projection restores only its own state, so the snapshots are decoded
// side by side, one per core: a restart waits for the largest, not the sum.
func (r *Runner) Load() error {
	if r.loaded {
		return nil
	}
	errs := make([]error, len(r.entries))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(r.entries)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(r.entries); i = int(next.Add(1) - 1) {
				e := r.entries[i]
				pos, err := load(r.o.Dir, e.p)
				e.position.Store(pos)
				errs[i] = err
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err // the first in the projections' order, whatever finished first
		}
	}
	r.loaded = true
	r.publish(r.minPosition())
	return nil
}

// Run keeps the projections up to date until ctx ends, then saves them. It
// subscribes from the lowest checkpoint; each projection skips what its
// snapshot already covers, so no event is applied twice or skipped.
func (r *Runner) Run(ctx context.Context) error {
	if err := r.Load(); err != nil {
		return err
	}
	from := r.minPosition()
	feed := make(chan Envelope, 2*r.o.BatchSize)
	subErr := make(chan error, 1)
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(feed)
		subErr <- r.store.Subscribe(sctx, from, func(rec event.Record) error {
			env, err := Decode(rec)
			if err != nil {
				return err
			}
			select {
			case feed <- env:
				return nil
			case <-sctx.Done():
				return sctx.Err()
			}
		})
	}()
	lastSave := time.Now()
	dirty := false
	batch := make([]Envelope, 0, r.o.BatchSize)
	for env := range feed {
		batch = append(batch[:0], env)
	drain:
		for len(batch) < r.o.BatchSize {
			select {
			case more, ok := <-feed:
				if !ok {
					break drain
				}
				batch = append(batch, more)
			default:
				break drain
			}
		}
		r.apply(batch)
		dirty = true
		if time.Since(lastSave) >= r.o.SnapshotEvery {
			if err := r.SaveAll(); err != nil {
				return err
			}
			lastSave, dirty = time.Now(), false
		}
	}
	err := <-subErr
	if dirty {
		if serr := r.SaveAll(); serr != nil {
			return serr
		}
	}
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		return nil
	}
	return fmt.Errorf("projection subscription: %w", err)
}

// apply gives each projection the envelopes it has not seen yet.
func (r *Runner) apply(batch []Envelope) {
	last := batch[len(batch)-1].Position
	for _, e := range r.entries {
		if e.err != nil {
			continue
		}
		pos := e.position.Load()
		i := 0
		for i < len(batch) && batch[i].Position <= pos {
			i++
		}
		if i == len(batch) {
			continue
		}
		if err := e.p.Apply(batch[i:]); err != nil {
			r.errMu.Lock()
			e.err = fmt.Errorf("projection %s at positions %d-%d: %w", e.p.Name(), batch[i].Position, last, err)
			r.errMu.Unlock()
			continue
		}
		e.position.Store(last)
	}
	r.publish(r.minPosition())
}

// SaveAll snapshots every healthy projection at its position.
func (r *Runner) SaveAll() error {
	for _, e := range r.entries {
		if e.err != nil {
			continue
		}
		if err := save(r.o.Dir, e.p, e.position.Load()); err != nil {
			return err
		}
	}
	return nil
}

func (r *Runner) minPosition() uint64 {
	var m uint64
	for i, e := range r.entries {
		if p := e.position.Load(); i == 0 || p < m {
			m = p
		}
	}
	return m
}

func (r *Runner) publish(pos uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.applied.Store(pos)
	close(r.moved)
	r.moved = make(chan struct{})
}

// Position is the position every projection has reached.
func (r *Runner) Position() uint64 { return r.applied.Load() }

// WaitFor returns once every projection has applied position pos, so a
// client reads its own write; it fails when ctx ends first, and at once when
// a projection that has not reached pos has failed (it never will).
func (r *Runner) WaitFor(ctx context.Context, pos uint64) error {
	return r.waitFor(ctx, r.entries, pos)
}

// waitFor returns once every entry of es has applied pos.
func (r *Runner) waitFor(ctx context.Context, es []*entry, pos uint64) error {
	for {
		r.mu.Lock()
		moved := r.moved
		r.mu.Unlock()
		behind, err := r.behind(es, pos)
		if err != nil {
			return err
		}
		if behind == nil {
			return nil
		}
		select {
		case <-moved:
		case <-ctx.Done():
			return fmt.Errorf("read model %s at position %d, not yet %d: %w", behind.p.Name(), behind.position.Load(), pos, ctx.Err())
		}
	}
}

// behind returns an entry of es that has not applied pos (nil when all
// have), or the failure of one that has not and never will.
func (r *Runner) behind(es []*entry, pos uint64) (*entry, error) {
	var lag *entry
	for _, e := range es {
		at := e.position.Load()
		if at >= pos {
			continue
		}
		if err := r.failure(e); err != nil {
			return e, fmt.Errorf("read model %s stopped at position %d, before %d: %w", e.p.Name(), at, pos, err)
		}
		if lag == nil {
			lag = e
		}
	}
	return lag, nil
}

func (r *Runner) failure(e *entry) error {
	r.errMu.Lock()
	defer r.errMu.Unlock()
	return e.err
}

// Failed names each projection whose Apply failed, with its error. A failed
// projection stops where it failed; the others carry on.
func (r *Runner) Failed() map[string]error {
	r.errMu.Lock()
	defer r.errMu.Unlock()
	out := map[string]error{}
	for _, e := range r.entries {
		if e.err != nil {
			out[e.p.Name()] = e.err
		}
	}
	return out
}

// Statuses reports each projection's position and failure, if any.
func (r *Runner) Statuses() []Status {
	r.errMu.Lock()
	defer r.errMu.Unlock()
	out := make([]Status, len(r.entries))
	for i, e := range r.entries {
		out[i] = Status{Name: e.p.Name(), Position: e.position.Load(), Err: e.err}
	}
	return out
}
