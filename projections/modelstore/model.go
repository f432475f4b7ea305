package modelstore

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/cockroachdb/pebble/v2"
)

// Model is one read model's key range: its keys, and the position its
// state covers. Keys given to a Model are relative to it.
type Model struct {
	db   *DB
	lo   []byte // name 0x00: the first key of the model's data
	ckpt []byte // name 0x01: the position
	hi   []byte // name 0x02: past every key of the model
}

func (m *Model) key(k []byte) []byte {
	out := make([]byte, 0, len(m.lo)+len(k))
	return append(append(out, m.lo...), k...)
}

// Position is the position of the log the stored state covers (0 when the
// model is empty).
func (m *Model) Position() (uint64, error) {
	v, ok, err := get(m.db.db, m.ckpt)
	if err != nil || !ok {
		return 0, err
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("model position: %d bytes, want 8", len(v))
	}
	return binary.BigEndian.Uint64(v), nil
}

// Get returns a copy of the value stored under key.
func (m *Model) Get(key []byte) ([]byte, bool, error) { return get(m.db.db, m.key(key)) }

// Scan calls fn with every key under prefix (relative to the model) and its
// value, in key order (reverse order when reverse), starting at from when
// it is not nil (inclusive; from must lie under prefix). fn's slices are
// valid only during the call; it returns false to stop.
func (m *Model) Scan(prefix, from []byte, reverse bool, fn func(key, value []byte) bool) error {
	return scan(m.db.db, m.lo, prefix, from, reverse, fn)
}

// Reset empties the model and its position, durably; its layout mark
// (Layout) stays, so a model rebuilt from position 1 is kept at the next
// start.
func (m *Model) Reset() error {
	end := append(bytes.Clone(m.ckpt), 0) // past the position, before the layout mark
	if err := m.db.db.DeleteRange(m.lo, end, pebble.NoSync); err != nil {
		return fmt.Errorf("reset model: %w", err)
	}
	return m.db.Sync()
}

// Dump writes every key and value of the model in key order, one hex pair a
// line: the same state always writes the same bytes, so a model can be
// compared with a full replay.
func (m *Model) Dump(w io.Writer) error {
	var err error
	scanErr := m.Scan(nil, nil, false, func(k, v []byte) bool {
		_, err = fmt.Fprintf(w, "%s %s\n", hex.EncodeToString(k), hex.EncodeToString(v))
		return err == nil
	})
	return errors.Join(scanErr, err)
}

// reader is what Get and Scan read: the database or a batch over it.
type reader interface {
	Get(key []byte) ([]byte, io.Closer, error)
	NewIter(o *pebble.IterOptions) (*pebble.Iterator, error)
}

func get(r reader, key []byte) ([]byte, bool, error) {
	v, closer, err := r.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("model store get: %w", err)
	}
	out := bytes.Clone(v)
	closer.Close()
	return out, true, nil
}

func scan(r reader, base, prefix, from []byte, reverse bool, fn func(key, value []byte) bool) error {
	lower := append(append([]byte{}, base...), prefix...)
	upper := prefixEnd(lower)
	it, err := r.NewIter(&pebble.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return fmt.Errorf("model store scan: %w", err)
	}
	var ok bool
	switch {
	case from != nil && !reverse:
		ok = it.SeekGE(append(append([]byte{}, base...), from...))
	case from != nil && reverse:
		start := append(append([]byte{}, base...), from...)
		ok = it.SeekLT(append(start, 0))
	case reverse:
		ok = it.Last()
	default:
		ok = it.First()
	}
	for ; ok; ok = step(it, reverse) {
		if !fn(it.Key()[len(base):], it.Value()) {
			break
		}
	}
	return errors.Join(it.Error(), it.Close())
}

func step(it *pebble.Iterator, reverse bool) bool {
	if reverse {
		return it.Prev()
	}
	return it.Next()
}

// prefixEnd is the first key after every key starting with p.
func prefixEnd(p []byte) []byte {
	end := bytes.Clone(p)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// Layout checks that the stored state has the given layout version; when it
// has another (a build that lays the model out differently), the model is
// emptied and the version recorded, so it is rebuilt from position 1. It
// reports whether it emptied the model.
func (m *Model) Layout(version uint64) (bool, error) {
	key := append(bytes.Clone(m.ckpt), 'v')
	v, ok, err := get(m.db.db, key)
	if err != nil {
		return false, err
	}
	if ok && len(v) == 8 && binary.BigEndian.Uint64(v) == version {
		return false, nil
	}
	if err := m.Reset(); err != nil {
		return false, err
	}
	if err := m.db.db.Set(key, binary.BigEndian.AppendUint64(nil, version), pebble.NoSync); err != nil {
		return false, fmt.Errorf("model layout: %w", err)
	}
	return ok, m.db.Sync()
}
