package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/traceledger/traceledger/domain/event"
)

// LookupKey returns the idempotency key (scope, key) and the records of the
// append that recorded it; see event.KeyedStore.
func (s *Store) LookupKey(ctx context.Context, scope, key string) (event.Keyed, bool, error) {
	var (
		k            = event.Key{Scope: scope, Key: key}
		result       string
		first, count int64
	)
	err := s.readers.QueryRowContext(ctx,
		"SELECT request_hash, result, first_position, count FROM idempotency WHERE scope = ? AND key = ?",
		scope, key).Scan(&k.RequestHash, &result, &first, &count)
	if errors.Is(err, sql.ErrNoRows) {
		return event.Keyed{}, false, nil
	}
	if err != nil {
		return event.Keyed{}, false, fmt.Errorf("look up idempotency key: %w", err)
	}
	if result != "" {
		k.Result = json.RawMessage(result)
	}
	recs, err := s.ReadAll(ctx, uint64(first-1), int(count))
	if err != nil {
		return event.Keyed{}, false, fmt.Errorf("look up idempotency key: %w", err)
	}
	if len(recs) != int(count) {
		return event.Keyed{}, false, fmt.Errorf("idempotency key %q: %d of its %d records found", key, len(recs), count)
	}
	return event.Keyed{Key: k, Records: recs}, true, nil
}
