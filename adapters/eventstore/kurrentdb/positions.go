package kurrentdb

import (
	"context"
	"fmt"
	"slices"

	"github.com/traceledger/traceledger/domain/event"
)

// ReadPositions returns the records at the given positions, in the order
// given (a position asked twice is answered twice), as the embedded store's
// does: read models keep the positions of the events that touched an item,
// a batch or an enterprise, and the history queries read them back. Each run
// of consecutive positions is one KurrentDB read. A position the log does not
// hold is an error.
func (s *Store) ReadPositions(ctx context.Context, positions []uint64) ([]event.Record, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	if len(positions) == 0 {
		return nil, nil
	}
	sorted := slices.Clone(positions)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	if sorted[0] == 0 {
		return nil, fmt.Errorf("read positions: position 0 is not in the log")
	}
	recs, err := s.readPositions(ctx, sorted)
	if err != nil {
		return nil, fmt.Errorf("read positions: %w", err)
	}
	byPos := make(map[uint64]event.Record, len(recs))
	for _, r := range recs {
		byPos[r.Position] = r
	}
	return event.InPositionOrder(positions, byPos)
}
