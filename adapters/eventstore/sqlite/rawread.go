package sqlite

import (
	"context"
	"fmt"
	"time"
)

// MeasureRawRead is the baseline for replays: it reads every row of the
// events table at path, in position order, scanning each column into plain
// Go values and nothing more (no record building, no decoding), and returns
// the rows and the rows per second of wall-clock time.
func MeasureRawRead(ctx context.Context, path string) (rows int, perSec float64, err error) {
	db, err := openReaders(ctx, path, 1)
	if err != nil {
		return 0, 0, fmt.Errorf("raw read: %w", err)
	}
	defer db.Close()
	start := time.Now()
	rs, err := db.QueryContext(ctx, "SELECT "+columns+" FROM events ORDER BY position")
	if err != nil {
		return 0, 0, fmt.Errorf("raw read: %w", err)
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		return 0, 0, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rs.Next() {
		if err := rs.Scan(ptrs...); err != nil {
			return rows, 0, fmt.Errorf("raw read: %w", err)
		}
		rows++
	}
	if err := rs.Err(); err != nil {
		return rows, 0, fmt.Errorf("raw read: %w", err)
	}
	return rows, float64(rows) / time.Since(start).Seconds(), nil
}
