package kurrentdb

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/traceledger/traceledger/domain/event"
)

// Append commits writes atomically as one KurrentDB append to the log. It
// decides against the index and, when the index may be behind (KurrentDB
// refused the log's expected revision, or the decision is a refusal), folds in
// what other processes wrote and decides again: a refusal is only final
// against a caught-up index, and a write only lands on the revision the
// decision was made for.
func (s *Store) Append(ctx context.Context, writes ...event.Write) ([]event.Record, error) {
	return s.append(ctx, nil, writes)
}

// AppendKeyed is Append that records k in the metadata of the append's first
// event, so every process folding the log knows the key; see
// event.KeyedStore.
func (s *Store) AppendKeyed(ctx context.Context, k event.Key, writes ...event.Write) ([]event.Record, error) {
	return s.append(ctx, &k, writes)
}

func (s *Store) append(ctx context.Context, k *event.Key, writes []event.Write) ([]event.Record, error) {
	if err := event.Validate(writes); err != nil {
		return nil, err
	}
	if err := s.check(ctx); err != nil {
		return nil, fmt.Errorf("append: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fresh := false // whether the index was caught up during this call
	for {
		d, err := s.idx.plan(writes, k, time.Now())
		if err != nil && !fresh {
			if err := s.catchUp(ctx); err != nil {
				return nil, fmt.Errorf("append: %w", err)
			}
			fresh = true
			continue
		}
		if err != nil {
			return nil, err
		}
		if d.stored != nil {
			return s.retried(ctx, writes, d.stored)
		}
		km := keyMetaOf(k, len(d.records))
		err = s.write(ctx, d.records, km)
		switch {
		case err == nil:
			for _, r := range d.records {
				if err := s.idx.add(r); err != nil {
					return nil, fmt.Errorf("append: index: %w", err)
				}
			}
			s.idx.addKey(d.records[0].Position, km)
			return d.records, nil
		case wrongExpected(err):
			if err := s.catchUp(ctx); err != nil {
				return nil, fmt.Errorf("append: %w", err)
			}
			fresh = true
		default:
			// The append may or may not have committed (a timeout): the
			// index is left as it was and the next call catches up; a
			// retry with the same ids then gets the stored records.
			return nil, fmt.Errorf("append to log %q: %w", s.log, err)
		}
	}
}

// keyMetaOf is k as the first of an append's n records carries it.
func keyMetaOf(k *event.Key, n int) *keyMeta {
	if k == nil {
		return nil
	}
	return &keyMeta{Scope: k.Scope, Key: k.Key, RequestHash: k.RequestHash, Result: k.Result, Count: n}
}

// write appends records to the log at the revision after the index's head;
// the first record carries k, if set.
func (s *Store) write(ctx context.Context, recs []event.Record, k *keyMeta) error {
	data := make([]esdb.EventData, len(recs))
	for i, r := range recs {
		var rk *keyMeta
		if i == 0 {
			rk = k
		}
		d, err := encode(r, rk)
		if err != nil {
			return err
		}
		data[i] = d
	}
	opts := esdb.AppendToStreamOptions{ExpectedRevision: expectedRevision(s.idx.head)}
	_, err := s.client.AppendToStream(ctx, s.log, opts, data...)
	return err
}

// expectedRevision is the log's revision when the ledger's head is head:
// no stream for an empty ledger, revision head-1 otherwise (positions count
// from 1, KurrentDB revisions from 0).
func expectedRevision(head uint64) esdb.ExpectedRevision {
	if head == 0 {
		return esdb.NoStream{}
	}
	return esdb.Revision(head - 1)
}

// retried answers a retry: the stored records, in the append's order, if
// each has the content the retry carries; ErrDuplicateID otherwise.
func (s *Store) retried(ctx context.Context, writes []event.Write, positions []uint64) ([]event.Record, error) {
	sorted := slices.Clone(positions)
	slices.Sort(sorted)
	recs, err := s.readPositions(ctx, sorted)
	if err != nil {
		return nil, fmt.Errorf("append: read stored events: %w", err)
	}
	byPos := make(map[uint64]event.Record, len(recs))
	for _, r := range recs {
		byPos[r.Position] = r
	}
	out := make([]event.Record, 0, len(positions))
	i := 0
	for _, w := range writes {
		for _, p := range w.Events {
			r := byPos[positions[i]]
			i++
			if !event.SameContent(r, w.Stream, p) {
				return nil, fmt.Errorf("%w: event %s is stored at position %d in stream %q", event.ErrDuplicateID, p.ID, r.Position, r.Stream)
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// errGap is a subscription seeing a position other than the next one.
var errGap = errors.New("log position out of order")
