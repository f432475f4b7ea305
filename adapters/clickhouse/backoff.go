package clickhouse

import (
	"context"
	"time"
)

// backoff is the wait between retries: doubling from BackoffMin up to
// BackoffMax, so a short blip costs little and a long outage costs the
// server one attempt every BackoffMax.
type backoff struct {
	next, max time.Duration
}

func (s *Sink) newBackoff() *backoff {
	return &backoff{next: s.o.BackoffMin, max: s.o.BackoffMax}
}

// wait sleeps the current delay, then doubles it.
func (b *backoff) wait(ctx context.Context) error {
	err := sleep(ctx, b.next)
	b.next = min(2*b.next, b.max)
	return err
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
