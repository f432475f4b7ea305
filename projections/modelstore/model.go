package modelstore

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/cockroachdb/pebble/v2"
)

// Model is one read model's key range: its keys, and the position its
// state covers. Keys given to a Model are relative to it.
type Model struct {
	db   *DB
	lo   []byte // name 0x00: the first key of the model's data
	ckpt []byte // name 0x01: the position
	hi   []byte // name 0x02: past every key of the model
	// rowLo and rowHi, when set, bound the keys that live in the row
	// store (rows.go).
	rowLo, rowHi []byte
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
func (m *Model) Get(key []byte) ([]byte, bool, error) {
	k := m.key(key)
	return get(m.storeOf(k), k)
}

// Scan calls fn with every key under prefix (relative to the model) and its
// value, in key order (reverse order when reverse), starting at from when
// it is not nil (inclusive; from must lie under prefix). fn's slices are
// valid only during the call; it returns false to stop.
func (m *Model) Scan(prefix, from []byte, reverse bool, fn func(key, value []byte) bool) error {
	return m.scan(m.db.db, m.db.rows, prefix, from, reverse, fn)
}

// Reset empties the model and its position, durably; its layout mark
// (Layout) stays, so a model rebuilt from position 1 is kept at the next
// start.
func (m *Model) Reset() error {
	end := append(bytes.Clone(m.ckpt), 0) // past the position, before the layout mark
	if err := m.db.db.DeleteRange(m.lo, end, pebble.NoSync); err != nil {
		return fmt.Errorf("reset model: %w", err)
	}
	if m.hasRows() {
		if err := m.db.rows.DeleteRange(m.lo, end, pebble.NoSync); err != nil {
			return fmt.Errorf("reset model rows: %w", err)
		}
	}
	return m.db.Sync()
}

// Dump writes every key and value of the model in key order, one hex pair a
// line: the same state always writes the same bytes, so a model can be
// compared with a full replay.
func (m *Model) Dump(w io.Writer) error {
	var err error
	scanErr := m.Scan(nil, nil, false, func(k, v []byte) bool {
		err = DumpLine(w, k, v)
		return err == nil
	})
	return errors.Join(scanErr, err)
}

// DumpLine writes one key and value as Dump does, for a model that dumps
// some keys in another form.
func DumpLine(w io.Writer, k, v []byte) error {
	_, err := fmt.Fprintf(w, "%s %s\n", hex.EncodeToString(k), hex.EncodeToString(v))
	return err
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

// scan is Scan over main, the model's store or a batch of it, and rows,
// its row store or a batch of that: the range under prefix, split
// between the two (rows.go), read in order.
func (m *Model) scan(main, rows reader, prefix, from []byte, reverse bool, fn func(key, value []byte) bool) error {
	return m.scanWith(main, rows, prefix, from, reverse, fn, scanRange)
}

// rangeScanner scans one database's range [lower, upper), as scanRange
// does.
type rangeScanner func(r reader, baseLen int, lower, upper, from []byte, reverse bool, fn func(key, value []byte) bool) (more bool, err error)

// scanWith is scan with each database's range read by scanRange.
func (m *Model) scanWith(main, rows reader, prefix, from []byte, reverse bool, fn func(key, value []byte) bool, scanRange rangeScanner) error {
	lower := append(bytes.Clone(m.lo), prefix...)
	upper := prefixEnd(lower)
	var start []byte
	if from != nil {
		start = append(bytes.Clone(m.lo), from...)
	}
	segs := m.segments(main, rows, lower, upper)
	if reverse {
		slices.Reverse(segs)
	}
	for _, s := range segs {
		f := start
		switch {
		case start == nil:
		case !reverse && s.hi != nil && bytes.Compare(start, s.hi) >= 0, reverse && bytes.Compare(start, s.lo) < 0:
			continue // the scan starts past this segment
		case !reverse && bytes.Compare(start, s.lo) < 0, reverse && s.hi != nil && bytes.Compare(start, s.hi) >= 0:
			f = nil // the segment lies wholly after the start
		}
		more, err := scanRange(s.r, len(m.lo), s.lo, s.hi, f, reverse, fn)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// scanRange calls fn with every key of r in [lower, upper) without its
// first baseLen bytes, from the full key from when it is not nil; more
// is false when fn stopped the scan.
func scanRange(r reader, baseLen int, lower, upper, from []byte, reverse bool, fn func(key, value []byte) bool) (more bool, err error) {
	it, err := r.NewIter(&pebble.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return false, fmt.Errorf("model store scan: %w", err)
	}
	more, err = walkRange(it, baseLen, from, reverse, fn)
	return more, errors.Join(err, it.Close())
}

// walkRange positions it at from (its first key when from is nil; its last
// at or before from when reverse) and calls fn with each key without its
// first baseLen bytes, and its value, until fn returns false (more is then
// false) or the range ends.
func walkRange(it *pebble.Iterator, baseLen int, from []byte, reverse bool, fn func(key, value []byte) bool) (more bool, err error) {
	var ok bool
	switch {
	case from != nil && !reverse:
		ok = it.SeekGE(from)
	case from != nil && reverse:
		ok = it.SeekLT(append(bytes.Clone(from), 0))
	case reverse:
		ok = it.Last()
	default:
		ok = it.First()
	}
	more = true
	for ; ok; ok = step(it, reverse) {
		if !fn(it.Key()[baseLen:], it.Value()) {
			more = false
			break
		}
	}
	return more, it.Error()
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
// reports whether it emptied the model. A model whose rows are not in the
// row store (rows.go) is emptied too.
func (m *Model) Layout(version uint64) (bool, error) {
	key := append(bytes.Clone(m.ckpt), 'v')
	v, ok, err := get(m.db.db, key)
	if err != nil {
		return false, err
	}
	lost, err := m.rowsLost()
	if err != nil {
		return false, err
	}
	if ok && len(v) == 8 && binary.BigEndian.Uint64(v) == version && !lost {
		return false, nil
	}
	if err := m.Reset(); err != nil {
		return false, err
	}
	if err := m.db.db.Set(key, binary.BigEndian.AppendUint64(nil, version), pebble.NoSync); err != nil {
		return false, fmt.Errorf("model layout: %w", err)
	}
	if err := m.markRows(); err != nil {
		return false, err
	}
	return ok, m.db.Sync()
}
