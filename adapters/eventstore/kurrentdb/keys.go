package kurrentdb

import (
	"context"
	"fmt"

	"github.com/traceledger/traceledger/domain/event"
)

// LookupKey returns the idempotency key (scope, key) and the records of the
// append that recorded it, after catching the index up so a key another
// process recorded is found; see event.KeyedStore.
func (s *Store) LookupKey(ctx context.Context, scope, key string) (event.Keyed, bool, error) {
	if err := s.check(ctx); err != nil {
		return event.Keyed{}, false, err
	}
	s.mu.Lock()
	if err := s.catchUp(ctx); err != nil {
		s.mu.Unlock()
		return event.Keyed{}, false, fmt.Errorf("look up idempotency key: %w", err)
	}
	e, ok := s.idx.keys[scopeKey{scope, key}]
	s.mu.Unlock()
	if !ok {
		return event.Keyed{}, false, nil
	}
	positions := make([]uint64, e.key.Count)
	for i := range positions {
		positions[i] = e.first + uint64(i)
	}
	recs, err := s.readPositions(ctx, positions)
	if err != nil {
		return event.Keyed{}, false, fmt.Errorf("look up idempotency key %q: %w", key, err)
	}
	k := event.Key{Scope: e.key.Scope, Key: e.key.Key, RequestHash: e.key.RequestHash, Result: e.key.Result}
	return event.Keyed{Key: k, Records: recs}, true, nil
}
