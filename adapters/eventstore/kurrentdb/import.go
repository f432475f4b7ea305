package kurrentdb

import (
	"context"
	"fmt"

	"github.com/traceledger/traceledger/domain/event"
)

// Import appends records copied from another ledger as they are: their ids,
// positions, versions, times and hashes kept, which Append cannot do (it
// records its own time and hash). They must continue this log exactly: the
// first at the next position, each chaining to the one before, so a copy is
// the same ledger, its signed heads and proofs still valid. It is for
// `traceledger migrate` while nothing else writes the log.
func (s *Store) Import(ctx context.Context, recs []event.Record) error {
	if len(recs) == 0 {
		return nil
	}
	if err := s.check(ctx); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.catchUp(ctx); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	// Check the whole batch first, so a bad batch writes nothing.
	prev, next := s.idx.last, s.idx.head+1
	added := map[string]uint64{}
	for _, r := range recs {
		if r.Position != next {
			return fmt.Errorf("import: position %d where the log continues at %d", r.Position, next)
		}
		if want := s.idx.version(r.Stream) + added[r.Stream] + 1; r.Version != want {
			return fmt.Errorf("import: position %d: stream %q version %d, want %d", r.Position, r.Stream, r.Version, want)
		}
		if _, dup := s.idx.ids[r.ID]; dup {
			return fmt.Errorf("import: position %d: %w: %s", r.Position, event.ErrDuplicateID, r.ID)
		}
		if event.Chain(prev, r) != r.Hash {
			return fmt.Errorf("import: position %d: hash does not chain", r.Position)
		}
		prev, next = r.Hash, next+1
		added[r.Stream]++
	}
	if err := s.write(ctx, recs, nil); err != nil {
		return fmt.Errorf("import positions %d..%d into log %q: %w", recs[0].Position, recs[len(recs)-1].Position, s.log, err)
	}
	for _, r := range recs {
		if err := s.idx.add(r); err != nil {
			return fmt.Errorf("import: index: %w", err)
		}
	}
	return nil
}
