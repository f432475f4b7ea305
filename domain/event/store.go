package event

import (
	"context"
	"errors"
	"fmt"
)

// Write is one stream's part of an append: the events to add and the version
// the stream must be at.
type Write struct {
	Stream   string
	Expected ExpectedVersion
	Events   []Pending
}

// Store is the event store port. Every adapter runs the shared contract suite
// in adapters/eventstore/storetest.
//
// Append commits all writes atomically, in order, or none of them, and returns
// the records in the order of the writes and their events. Appends are
// idempotent on event ID, so a caller may retry after any error:
//   - if every event of the append is already stored with the same stream, type
//     and data (see SameContent), nothing is written and the stored records are
//     returned; expected versions are not checked (the retry of a committed
//     append succeeds even though the stream has moved on);
//   - an ID already stored with other content is ErrDuplicateID;
//   - an append that mixes stored events with new ones is ErrDuplicateID too,
//     and nothing is written: appends are all or nothing, so such a mix is never
//     a retry but a caller that lost track of what it committed, and writing
//     only the new events would check the expected version against a stream
//     the caller has not seen.
//
// A failed expected version is a *ConcurrencyError (errors.Is ErrConcurrency);
// a malformed append (see Validate) is ErrInvalidAppend. Both write nothing.
//
// ReadStream returns the stream's records whose version is >= fromVersion, in
// version order (0 and 1 both mean the whole stream); an unknown stream is no
// records and no error.
//
// ReadAll returns at most limit (> 0) records with position > after, in
// position order; fewer than limit means the head was reached when it read.
// Head is the position of the last committed record, 0 for an empty log.
//
// Subscribe calls fn for every record after position `after`, in order, first
// those already stored, then live ones as they commit, with no gap and no
// duplicate. It returns when ctx ends (ctx.Err()) or fn fails (that error).
//
// Close stops the store; a second Close is harmless, and any call after Close
// returns an error.
//
// AppendKeyed and LookupKey keep idempotency keys with the events (see
// KeyedStore): every process on one store shares them.
type Store interface {
	KeyedStore
	Append(ctx context.Context, writes ...Write) ([]Record, error)
	ReadStream(ctx context.Context, stream string, fromVersion uint64) ([]Record, error)
	ReadAll(ctx context.Context, after uint64, limit int) ([]Record, error)
	Head(ctx context.Context) (uint64, error)
	Subscribe(ctx context.Context, after uint64, fn func(Record) error) error
	Close() error
}

// ErrConcurrency is the sentinel for a failed expected version.
var ErrConcurrency = errors.New("wrong expected version")

// ErrDuplicateID means an event id is already stored and this append is not a
// pure retry of it: the stored event has another stream, type or data, or the
// append mixes it with new events.
var ErrDuplicateID = errors.New("event id already stored with other content")

// ErrInvalidAppend means the append itself is malformed (no stream name, no
// events, an event without id or type, data that is not a JSON object).
var ErrInvalidAppend = errors.New("invalid append")

// ConcurrencyError says which stream failed its expected version.
type ConcurrencyError struct {
	Stream   string
	Expected ExpectedVersion
	Actual   uint64
}

func (e *ConcurrencyError) Error() string {
	return fmt.Sprintf("stream %q: expected %s, found version %d", e.Stream, e.Expected, e.Actual)
}

// Is makes errors.Is(err, ErrConcurrency) hold.
func (e *ConcurrencyError) Is(target error) bool { return target == ErrConcurrency }
