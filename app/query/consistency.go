package query

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/domain/access"
)

// ReadWait bounds how long a query waits for its read models to reach the
// client's position.
const ReadWait = 5 * time.Second

// Read is who asks and how fresh the answer must be.
type Read struct {
	Actor access.Actor
	// MinPosition is the log position the read models must have applied
	// before the query answers (the position a client's own command
	// answered with); 0 reads the models as they are.
	MinPosition uint64
}

// Progress is how far read models have folded the log. The projection
// runner gives one per set of projections (runner.Of), so a query waits
// only for the models it reads; the ClickHouse sink is one too.
type Progress interface {
	// WaitFor returns once the models have applied pos; it fails when ctx
	// ends first or when a model cannot get there (it failed).
	WaitFor(ctx context.Context, pos uint64) error
	// Position is the position the models have reached.
	Position() uint64
}

// StaleError is a query refused because its read models did not reach the
// client's position in time, or never will (one of them failed).
type StaleError struct{ Err error }

func (e *StaleError) Error() string { return e.Err.Error() }
func (e *StaleError) Unwrap() error { return e.Err }

// consistency is the wait every query starts with. Embedded in each query
// type, it also answers the position its models have reached (Position),
// which ports report with their answers.
type consistency struct{ progress Progress }

// await waits until the models have applied rd.MinPosition, at most
// ReadWait. Only an authenticated caller is waited for: anyone may call the
// public queries, and a wait there would let anyone hold requests open, so
// an anonymous caller is answered at once, stale (503) if the models are
// behind.
func (c consistency) await(ctx context.Context, rd Read) error {
	if rd.MinPosition == 0 {
		return nil
	}
	wait := ReadWait
	if rd.Actor == (access.Actor{}) {
		wait = 0
		if c.progress.Position() >= rd.MinPosition {
			return nil
		}
	}
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	if err := c.progress.WaitFor(ctx, rd.MinPosition); err != nil {
		return &StaleError{Err: err}
	}
	return nil
}

// Position is the log position the query's read models have reached.
func (c consistency) Position() uint64 { return c.progress.Position() }
