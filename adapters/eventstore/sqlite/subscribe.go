package sqlite

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

// subscribePage is how many records a subscriber reads per query.
const subscribePage = 512

// pollInterval is how often a read-only store looks for another process's
// commits.
const pollInterval = 200 * time.Millisecond

// notifier broadcasts the committed head: each publish closes the current
// channel and makes a new one, so any number of subscribers wake at once and a
// subscriber that took the channel before a commit cannot miss it.
type notifier struct {
	mu     sync.Mutex
	head   uint64
	ch     chan struct{}
	closed bool
}

func newNotifier() *notifier { return &notifier{ch: make(chan struct{})} }

func (n *notifier) publish(head uint64) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return
	}
	n.head = head
	close(n.ch)
	n.ch = make(chan struct{})
}

// current returns the head and a channel closed at the next commit (or Close).
func (n *notifier) current() (uint64, <-chan struct{}) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.head, n.ch
}

func (n *notifier) close() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if !n.closed {
		n.closed = true
		close(n.ch)
	}
}

func (n *notifier) isClosed() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.closed
}

// Subscribe calls fn for every record after position after: first it pages
// through what is stored, then it waits for the writer to publish a head past
// what it has seen and reads the difference. Records come from the database in
// position order and every commit is a contiguous run of positions, so there
// is no gap and no duplicate. It returns ctx's error, fn's error, or ErrClosed.
func (s *Store) Subscribe(ctx context.Context, after uint64, fn func(event.Record) error) error {
	pos := after
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := s.ReadAll(ctx, pos, subscribePage)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("subscribe after %d: %w", after, err)
		}
		for _, r := range page {
			if err := fn(r); err != nil {
				return err
			}
			pos = r.Position
		}
		if len(page) == subscribePage {
			continue
		}
		if err := s.waitPast(ctx, pos); err != nil {
			return err
		}
	}
}

// waitPast returns once the committed head is past pos.
func (s *Store) waitPast(ctx context.Context, pos uint64) error {
	if s.w == nil {
		return s.pollPast(ctx, pos)
	}
	for {
		head, changed := s.notify.current()
		if s.notify.isClosed() {
			return fmt.Errorf("subscribe: %w", ErrClosed)
		}
		if head > pos {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// pollPast is waitPast for a read-only store, whose writer is another process.
func (s *Store) pollPast(ctx context.Context, pos uint64) error {
	t := time.NewTicker(pollInterval)
	defer t.Stop()
	for {
		_, closed := s.notify.current()
		select {
		case <-t.C:
		case <-closed:
			return fmt.Errorf("subscribe: %w", ErrClosed)
		case <-ctx.Done():
			return ctx.Err()
		}
		head, err := s.dbHead(ctx)
		if err != nil {
			return fmt.Errorf("subscribe: %w", err)
		}
		if head > pos {
			return nil
		}
	}
}
