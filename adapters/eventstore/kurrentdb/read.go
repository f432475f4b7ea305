package kurrentdb

import (
	"context"
	"fmt"

	"github.com/traceledger/traceledger/domain/event"
)

// ReadAll returns at most limit records after position after: the log read
// from revision after (position after+1).
func (s *Store) ReadAll(ctx context.Context, after uint64, limit int) ([]event.Record, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, fmt.Errorf("read all after %d: limit %d must be positive", after, limit)
	}
	return s.readPage(ctx, after, uint64(limit))
}

// Head is the position of the last record of the log, after catching the
// index up so it counts other processes' commits too.
func (s *Store) Head(ctx context.Context) (uint64, error) {
	if err := s.check(ctx); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.catchUp(ctx); err != nil {
		return 0, fmt.Errorf("head: %w", err)
	}
	return s.idx.head, nil
}

// ReadStream returns stream's records from fromVersion: their positions come
// from the index, caught up first so a command handler never decides on a
// stream older than the log; the records are read from the log in runs of
// consecutive positions.
func (s *Store) ReadStream(ctx context.Context, stream string, fromVersion uint64) ([]event.Record, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	s.mu.Lock()
	if err := s.catchUp(ctx); err != nil {
		s.mu.Unlock()
		return nil, fmt.Errorf("read stream %q: %w", stream, err)
	}
	positions := s.idx.from(stream, fromVersion)
	s.mu.Unlock()
	out, err := s.readPositions(ctx, positions)
	if err != nil {
		return nil, fmt.Errorf("read stream %q: %w", stream, err)
	}
	return out, nil
}

// readPositions reads the records at the given ascending positions.
func (s *Store) readPositions(ctx context.Context, positions []uint64) ([]event.Record, error) {
	out := make([]event.Record, 0, len(positions))
	for _, run := range runs(positions) {
		recs, err := s.readPage(ctx, run[0]-1, run[1]-run[0]+1)
		if err != nil {
			return nil, err
		}
		if uint64(len(recs)) != run[1]-run[0]+1 {
			return nil, fmt.Errorf("positions %d..%d: log returned %d records", run[0], run[1], len(recs))
		}
		out = append(out, recs...)
	}
	return out, nil
}

// runs groups ascending positions into [first, last] runs of consecutive ones.
func runs(positions []uint64) [][2]uint64 {
	var out [][2]uint64
	for _, p := range positions {
		if n := len(out); n > 0 && out[n-1][1]+1 == p {
			out[n-1][1] = p
			continue
		}
		out = append(out, [2]uint64{p, p})
	}
	return out
}
