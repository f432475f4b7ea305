package kurrentdb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/traceledger/traceledger/domain/event"
)

// Store is the event store on KurrentDB. It is safe for concurrent use; its
// appends are serialised in the process (one writer) and across processes by
// the log stream's expected revision.
type Store struct {
	client *esdb.Client
	log    string

	mu     sync.Mutex // the writer: guards idx and every append
	idx    *index
	closed atomic.Bool
}

var _ event.Store = (*Store)(nil)

// Options tunes Open.
type Options struct {
	// Log overrides the log stream the URL names (tests use one per store).
	Log string
}

// Open connects to the KurrentDB named by rawURL (see ParseURL) and folds the
// log into the index, checking its positions and hash chain on the way. The
// client connects lazily; a server that is down fails the fold with ctx's
// deadline or the client's error.
func Open(ctx context.Context, rawURL string, opts Options) (*Store, error) {
	t, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	if opts.Log != "" {
		t.Log = opts.Log
	}
	client, err := esdb.NewClient(t.Config)
	if err != nil {
		return nil, fmt.Errorf("kurrentdb client: %w", err)
	}
	s := &Store{client: client, log: t.Log, idx: newIndex()}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.catchUp(ctx); err != nil {
		_ = client.Close()
		return nil, fmt.Errorf("open kurrentdb log %q: %w", t.Log, err)
	}
	return s, nil
}

// Log names the KurrentDB stream that holds this ledger.
func (s *Store) Log() string { return s.log }

// Close closes the connection; later calls return ErrClosed.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	return s.client.Close()
}

func (s *Store) check(ctx context.Context) error {
	if s.closed.Load() {
		return ErrClosed
	}
	return ctx.Err()
}

// readPage reads up to count records of the log from position `after`+1.
// A log that does not exist yet is an empty ledger.
func (s *Store) readPage(ctx context.Context, after uint64, count uint64) ([]event.Record, error) {
	recs, _, err := s.readKeyedPage(ctx, after, count)
	return recs, err
}

// readKeyedPage is readPage that also returns the idempotency keys the
// records carry, by position.
func (s *Store) readKeyedPage(ctx context.Context, after uint64, count uint64) ([]event.Record, map[uint64]*keyMeta, error) {
	rs, err := s.client.ReadStream(ctx, s.log, esdb.ReadStreamOptions{From: esdb.Revision(after)}, count)
	if err != nil {
		if notFound(err) {
			return nil, nil, nil
		}
		return nil, nil, fmt.Errorf("read log %q after %d: %w", s.log, after, err)
	}
	defer rs.Close()
	var out []event.Record
	var keys map[uint64]*keyMeta
	for {
		e, err := rs.Recv()
		if errors.Is(err, io.EOF) {
			return out, keys, nil
		}
		if err != nil {
			if notFound(err) {
				return out, keys, nil
			}
			return nil, nil, fmt.Errorf("read log %q after %d: %w", s.log, after, err)
		}
		if e.Event == nil || systemEvent(e.Event) {
			continue
		}
		r, k, err := decodeKeyed(e.Event)
		if err != nil {
			return nil, nil, fmt.Errorf("read log %q: %w", s.log, err)
		}
		if k != nil {
			if keys == nil {
				keys = make(map[uint64]*keyMeta)
			}
			keys[r.Position] = k
		}
		out = append(out, r)
	}
}

// catchUp folds into the index whatever the log holds beyond it: records
// other processes wrote. The caller holds s.mu.
func (s *Store) catchUp(ctx context.Context) error {
	const page = 512
	for {
		recs, keys, err := s.readKeyedPage(ctx, s.idx.head, page)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if err := s.idx.add(r); err != nil {
				return fmt.Errorf("log %q: %w", s.log, err)
			}
			s.idx.addKey(r.Position, keys[r.Position])
		}
		if len(recs) < page {
			return nil
		}
	}
}
