package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/traceledger/traceledger/domain/event"
)

// positionsChunk bounds the parameters of one IN (...) query: far below
// SQLite's limit on bound variables, and large enough that a page of a
// history (at most 1,000 positions) takes two round trips.
const positionsChunk = 500

// ReadPositions returns the records at the given positions, in the order
// given (a position asked twice is answered twice). Read models keep the
// positions of the events that touched an item, a batch or an enterprise;
// this reads those events back without scanning the log. A position the log
// does not hold is an error: a read model never names one.
func (s *Store) ReadPositions(ctx context.Context, positions []uint64) ([]event.Record, error) {
	if len(positions) == 0 {
		return nil, nil
	}
	byPos := make(map[uint64]event.Record, len(positions))
	for start := 0; start < len(positions); start += positionsChunk {
		chunk := positions[start:min(start+positionsChunk, len(positions))]
		if err := s.readChunk(ctx, chunk, byPos); err != nil {
			return nil, s.readErr(fmt.Errorf("read positions %d..: %w", chunk[0], err))
		}
	}
	return event.InPositionOrder(positions, byPos)
}

// readChunk selects one chunk of positions into byPos.
func (s *Store) readChunk(ctx context.Context, chunk []uint64, byPos map[uint64]event.Record) error {
	q := "SELECT " + columns + " FROM events WHERE position IN (?" + strings.Repeat(",?", len(chunk)-1) + ")"
	args := make([]any, len(chunk))
	for i, p := range chunk {
		args[i] = clampInt64(p)
	}
	rows, err := s.readers.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	recs, err := scanRecords(rows, len(chunk))
	if err != nil {
		return err
	}
	for _, r := range recs {
		byPos[r.Position] = r
	}
	return nil
}
