package kurrentdb

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Lease is one record of a lease stream: who holds the lease, in which term,
// until when. A new term starts whenever the holder changes.
type Lease struct {
	Holder  string    `json:"holder"`
	Term    uint64    `json:"term"`
	Expires time.Time `json:"expires"`
}

// ErrLeaseTaken is LeaseStore.Put losing the compare-and-set: someone wrote
// the lease stream since it was read.
var ErrLeaseTaken = errors.New("lease stream moved")

// LeaseStore is the one primitive leader election needs: read the last record
// of a stream with its revision, and append only if the stream is still at
// that revision. KurrentDB gives it with expected revisions (leasestore.go);
// tests give it in memory.
type LeaseStore interface {
	// Last returns the stream's last lease and its revision; ok is false for
	// an empty stream.
	Last(ctx context.Context, stream string) (l Lease, rev uint64, ok bool, err error)
	// Put appends l if the stream's last revision is rev (exists) or the
	// stream is empty (!exists); ErrLeaseTaken otherwise.
	Put(ctx context.Context, stream string, l Lease, rev uint64, exists bool) error
}

// Elector campaigns for one named lease. Only one replica at a time holds
// it, so only one runs the work it guards (the ClickHouse sink, the bus
// forwarder): each would otherwise deliver every event once per replica.
//
// Safety rests on the compare-and-set and on clocks: a holder believes it
// holds the lease until its renewal time plus TTL minus a third of the TTL
// (its own clock), and others take over only after Expires by theirs, so
// clocks may differ by up to TTL/3 without two holders at once.
type Elector struct {
	store  LeaseStore
	stream string
	holder string
	ttl    time.Duration
	now    func() time.Time
}

// NewElector returns an elector for lease name on behalf of holder (a
// replica's unique name: hostname and pid).
func NewElector(store LeaseStore, name, holder string, ttl time.Duration) *Elector {
	return &Elector{store: store, stream: "traceledger-lease-" + name, holder: holder, ttl: ttl, now: time.Now}
}

// Try makes one attempt to take or renew the lease. It reports whether this
// holder now holds it and until when it may act on that belief.
func (e *Elector) Try(ctx context.Context) (held bool, until time.Time, err error) {
	start := e.now()
	cur, rev, exists, err := e.store.Last(ctx, e.stream)
	if err != nil {
		return false, time.Time{}, fmt.Errorf("lease %s: %w", e.stream, err)
	}
	next := Lease{Holder: e.holder, Term: 1, Expires: start.Add(e.ttl)}
	if exists {
		switch {
		case cur.Holder == e.holder:
			next.Term = cur.Term // renewal, also after our own lease lapsed unclaimed
		case start.Before(cur.Expires):
			return false, time.Time{}, nil // someone else holds it
		default:
			next.Term = cur.Term + 1 // take over a lapsed lease
		}
	}
	err = e.store.Put(ctx, e.stream, next, rev, exists)
	if errors.Is(err, ErrLeaseTaken) {
		return false, time.Time{}, nil
	}
	if err != nil {
		return false, time.Time{}, fmt.Errorf("lease %s: %w", e.stream, err)
	}
	return true, start.Add(e.ttl - e.ttl/3), nil
}

// Run campaigns until ctx ends, running work while the lease is held: work
// gets a context that ends as soon as a renewal fails or the lease may have
// lapsed, and is started again the next time the lease is won. Renewals run
// every TTL/3. Run returns ctx's error; work's errors end only its term.
func (e *Elector) Run(ctx context.Context, work func(ctx context.Context) error) error {
	tick := time.NewTicker(e.ttl / 3)
	defer tick.Stop()
	var t *term
	defer func() { t.end() }()
	for {
		held, until, err := e.Try(ctx)
		switch {
		case err != nil || !held:
			t.end()
			t = nil
		case t == nil:
			t = startTerm(ctx, until, work)
		default:
			t.extend(until)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// term is one run of work while the lease is held: canceled when the lease
// may have lapsed (a timer at its believed end, moved on each renewal) or
// when Run loses it.
type term struct {
	cancel context.CancelFunc
	timer  *time.Timer
	done   chan struct{}
}

func startTerm(ctx context.Context, until time.Time, work func(context.Context) error) *term {
	wctx, cancel := context.WithCancel(ctx)
	t := &term{cancel: cancel, done: make(chan struct{}), timer: time.AfterFunc(time.Until(until), cancel)}
	go func() { defer close(t.done); _ = work(wctx) }()
	return t
}

// extend moves the term's end after a renewal; a term already ended stays so.
func (t *term) extend(until time.Time) { t.timer.Reset(time.Until(until)) }

// end stops work and waits for it to return. A nil term is no term.
func (t *term) end() {
	if t == nil {
		return
	}
	t.timer.Stop()
	t.cancel()
	<-t.done
}
