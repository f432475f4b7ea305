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
// Append commits all writes atomically, in order, or none of them. An event
// whose ID is already stored with the same stream, type and data is not written
// again: the stored record is returned in its place. If every event of the
// append is such a repeat the expected versions are not checked (a retry of a
// committed append succeeds). The same ID with other content is ErrDuplicateID.
// A failed expected version is a *ConcurrencyError (errors.Is ErrConcurrency).
//
// Subscribe calls fn for every record after position `after`, in order, first
// those already stored, then live ones as they commit, with no gap and no
// duplicate. It returns when ctx ends (ctx.Err()) or fn fails (that error).
type Store interface {
	Append(ctx context.Context, writes ...Write) ([]Record, error)
	ReadStream(ctx context.Context, stream string, fromVersion uint64) ([]Record, error)
	ReadAll(ctx context.Context, after uint64, limit int) ([]Record, error)
	Head(ctx context.Context) (uint64, error)
	Subscribe(ctx context.Context, after uint64, fn func(Record) error) error
	Close() error
}

// ErrConcurrency is the sentinel for a failed expected version.
var ErrConcurrency = errors.New("wrong expected version")

// ErrDuplicateID means an event id is already stored with other content.
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
