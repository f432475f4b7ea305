package event

import (
	"context"
	"encoding/json"
	"errors"
)

// Key is an idempotency record: a client's (Scope, Key) and what the store
// keeps with it, committed in the same atomic append as the events the keyed
// command produced, so a key is never recorded without its events nor the
// events without their key, and every process on the store sees it.
type Key struct {
	// Scope is who sent the key (a token's id): clients' keys never collide.
	Scope string
	// Key is the client's Idempotency-Key.
	Key string
	// RequestHash identifies the request the key was first used for; a reuse
	// with another request is the caller's to refuse.
	RequestHash string
	// Result is a small JSON blob the application needs, with the records, to
	// answer again (the id of what the command created, say). May be empty.
	Result json.RawMessage
}

// Keyed is a recorded key with the records its append wrote, in append order.
type Keyed struct {
	Key     Key
	Records []Record
}

// ErrKeyRecorded means the append's (Scope, Key) is already recorded: the
// append wrote nothing; LookupKey gives the first append's answer.
var ErrKeyRecorded = errors.New("idempotency key already recorded")

// KeyedStore is the part of Store that keeps idempotency keys.
//
// AppendKeyed is Append that also records k, atomically with the events; if
// (k.Scope, k.Key) is already recorded it writes nothing and returns an error
// that errors.Is ErrKeyRecorded, whatever the writes (a command decided again
// under the same key has new event ids, so only the key tells it is a
// retry). A key not yet recorded on a pure retry of stored events (see
// Store) gets the stored records and is not recorded: it belongs to the
// append that wrote them. A refused append records no key. LookupKey returns
// the recorded key and the records of its append in append order, or
// found=false; keys are kept as long as the log.
type KeyedStore interface {
	AppendKeyed(ctx context.Context, k Key, writes ...Write) ([]Record, error)
	LookupKey(ctx context.Context, scope, key string) (k Keyed, found bool, err error)
}
