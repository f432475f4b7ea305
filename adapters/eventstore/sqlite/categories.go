package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/traceledger/traceledger/domain/event"
)

// categorySpan is how many positions one ReadCategories looks at, at most:
// a query that scanned a long log to its head in one go would hold its read
// snapshot (and keep the write-ahead log from being checkpointed) for the
// whole scan.
var categorySpan uint64 = 1 << 16 // a variable so a test can make it small

// ReadCategories answers event.CategoryReader: a query that looks at the
// rows after after (up to the head, at most categorySpan of them) and hands
// over only the matching ones, so SQLite compares each row's type and copies
// nothing else.
func (s *Store) ReadCategories(ctx context.Context, after uint64, categories []string, limit int) ([]event.Record, uint64, error) {
	if limit <= 0 {
		return nil, 0, fmt.Errorf("read categories after %d: limit %d must be positive", after, limit)
	}
	head, err := s.Head(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("read categories after %d: %w", after, err)
	}
	if head <= after || len(categories) == 0 {
		return nil, max(head, after), nil
	}
	cats, err := json.Marshal(categories)
	if err != nil {
		return nil, 0, fmt.Errorf("read categories after %d: %w", after, err)
	}
	upto := min(head, after+categorySpan)
	rows, err := s.reads.cats.QueryContext(ctx, clampInt64(after), clampInt64(upto), string(cats), limit)
	if err != nil {
		return nil, 0, s.readErr(fmt.Errorf("read categories after %d: %w", after, err))
	}
	recs, err := scanRecords(rows, limit)
	if err != nil {
		return nil, 0, s.readErr(fmt.Errorf("read categories after %d: %w", after, err))
	}
	if len(recs) == limit {
		return recs, recs[len(recs)-1].Position, nil
	}
	return recs, upto, nil
}
