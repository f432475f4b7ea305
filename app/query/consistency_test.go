package query

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/access"
)

// never is read models that stay at position 10 and wait until ctx ends.
type never struct{}

func (never) WaitFor(ctx context.Context, _ uint64) error { <-ctx.Done(); return ctx.Err() }
func (never) Position() uint64                            { return 10 }

// TestAnAnonymousReadIsNeverHeldOpen: a public query asking for a position
// the models have not reached answers stale at once; an authenticated one
// waits (here until its own deadline); both answer at once when the models
// are there.
func TestAnAnonymousReadIsNeverHeldOpen(t *testing.T) {
	c := consistency{never{}}
	start := time.Now()
	var stale *StaleError
	if err := c.await(t.Context(), Read{MinPosition: 999_999_999}); !errors.As(err, &stale) {
		t.Fatalf("anonymous read of a future position: %v, want stale", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("an anonymous read was held %v", d)
	}
	if err := c.await(t.Context(), Read{MinPosition: 10}); err != nil {
		t.Errorf("anonymous read of a reached position: %v", err)
	}
	// The clock starts before the deadline is set, so a wait until the
	// deadline measures at least its 50 ms however the process is scheduled.
	start = time.Now()
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	err := c.await(ctx, Read{Actor: access.Actor{Role: access.RoleRegulator}, MinPosition: 11})
	if !errors.As(err, &stale) || time.Since(start) < 40*time.Millisecond {
		t.Errorf("an authenticated read of a future position: %v after %v, want a wait, then stale", err, time.Since(start))
	}
}
