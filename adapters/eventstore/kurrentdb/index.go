package kurrentdb

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/event"
)

// index is what a process knows of the log, folded from it in position
// order: enough to decide an append without reading KurrentDB (versions,
// where ids are, the tail's hash) and to find a stream's records in the log.
// It holds no event data: per event, an id and a position (about 60 bytes
// with map overhead), so 10 million events take well under 1 GB.
type index struct {
	head    uint64
	last    [32]byte
	streams map[string][]uint64 // positions of each stream's records, in version order
	ids     map[uuid.UUID]uint64
	keys    map[scopeKey]keyEntry // idempotency keys recorded in the log
}

// scopeKey is an idempotency key's identity.
type scopeKey struct{ scope, key string }

// keyEntry is where a recorded idempotency key's append starts, and the key.
type keyEntry struct {
	first uint64
	key   keyMeta
}

// addKey folds in the idempotency key carried by the record at position
// first (already added).
func (x *index) addKey(first uint64, k *keyMeta) {
	if k != nil {
		x.keys[scopeKey{k.Scope, k.Key}] = keyEntry{first: first, key: *k}
	}
}

func newIndex() *index {
	return &index{streams: make(map[string][]uint64), ids: make(map[uuid.UUID]uint64), keys: make(map[scopeKey]keyEntry)}
}

// add folds the next record of the log into the index. It refuses a record
// out of order or with a broken hash chain, so a process never builds on a
// log it cannot vouch for.
func (x *index) add(r event.Record) error {
	if r.Position != x.head+1 {
		return fmt.Errorf("log position %d follows %d", r.Position, x.head)
	}
	if want := uint64(len(x.streams[r.Stream])) + 1; r.Version != want {
		return fmt.Errorf("position %d: stream %q version %d, want %d", r.Position, r.Stream, r.Version, want)
	}
	if event.Chain(x.last, r) != r.Hash {
		return fmt.Errorf("position %d: hash does not chain to position %d", r.Position, x.head)
	}
	x.head, x.last = r.Position, r.Hash
	x.streams[r.Stream] = append(x.streams[r.Stream], r.Position)
	x.ids[r.ID] = r.Position
	return nil
}

// version is the number of records stream holds.
func (x *index) version(stream string) uint64 { return uint64(len(x.streams[stream])) }

// from returns the positions of stream's records with version >= fromVersion.
func (x *index) from(stream string, fromVersion uint64) []uint64 {
	ps := x.streams[stream]
	if fromVersion > 1 {
		if fromVersion > uint64(len(ps)) {
			return nil
		}
		ps = ps[fromVersion-1:]
	}
	return append([]uint64(nil), ps...)
}

// decision is what plan makes of an append.
type decision struct {
	records []event.Record // the new records to write, when fresh
	stored  []uint64       // the positions of the stored events, when a retry
}

// plan decides an append against the index as it is: ErrKeyRecorded when k
// is set and already recorded, a retry of stored
// events (every id stored: their positions, content checked by the caller),
// ErrDuplicateID for a mix of stored and new ids, a *ConcurrencyError, or
// the records to write at the next positions, chained from the tail's hash
// and recorded at now. The writes must have passed event.Validate.
func (x *index) plan(writes []event.Write, k *event.Key, now time.Time) (decision, error) {
	if k != nil {
		if _, ok := x.keys[scopeKey{k.Scope, k.Key}]; ok {
			return decision{}, fmt.Errorf("%w: scope %q key %q", event.ErrKeyRecorded, k.Scope, k.Key)
		}
	}
	var stored []uint64
	n := 0
	for _, w := range writes {
		for _, p := range w.Events {
			n++
			if pos, ok := x.ids[p.ID]; ok {
				stored = append(stored, pos)
			}
		}
	}
	switch {
	case len(stored) == n:
		return decision{stored: stored}, nil
	case len(stored) > 0:
		return decision{}, fmt.Errorf("%w: %d of the append's %d events are already stored", event.ErrDuplicateID, len(stored), n)
	}
	for _, w := range writes {
		if v := x.version(w.Stream); !w.Expected.Check(v) {
			return decision{}, &event.ConcurrencyError{Stream: w.Stream, Expected: w.Expected, Actual: v}
		}
	}
	recorded := event.NormalizeTime(now)
	recs := make([]event.Record, 0, n)
	pos, prev := x.head, x.last
	for _, w := range writes {
		v := x.version(w.Stream)
		for _, p := range w.Events {
			pos++
			v++
			md := p.Metadata
			md.OccurredAt, md.RecordedAt = event.NormalizeTime(md.OccurredAt), recorded
			r := event.Record{ID: p.ID, Stream: w.Stream, Version: v, Position: pos, Type: p.Type,
				Data: append([]byte(nil), p.Data...), Metadata: md}
			r.Hash = event.Chain(prev, r)
			prev = r.Hash
			recs = append(recs, r)
		}
	}
	return decision{records: recs}, nil
}
