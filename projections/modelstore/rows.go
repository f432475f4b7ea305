package modelstore

import (
	"bytes"
	"crypto/rand"
	"fmt"

	"github.com/cockroachdb/pebble/v2"
)

// A model's rows are keys that arrive in ascending order and are never
// rewritten, such as rendered events keyed by their log position. They
// live in a database of their own (the row store): its flushed tables
// never overlap, so Pebble keeps them as they were written, where tables
// of the same rows among the model's other keys (index entries, scattered
// over the key space) would be rewritten by every compaction of the level
// they reach. A model says which keys are rows with WithRows; reads,
// writes, scans and resets then span both databases as one key space.
//
// The row store keeps a write-ahead log, and a batch commits its rows
// durably before the model's other keys and its position: the model's
// flushed state never covers a position whose rows could be lost to a
// crash. The rows carry no position of their own: a key rewritten by
// every batch would sit in every flushed table and make them all overlap.
// Layout empties a model whose rows were written to another row store (a
// row store deleted, or restored from elsewhere), so it is rebuilt rather
// than served with holes.

// WithRows returns the model with every key beginning with prefix kept
// in the row store. Keys under prefix must be written in ascending order
// (each key greater than every row written before it); they may be read,
// scanned and reset like any other key.
func (m *Model) WithRows(prefix byte) *Model {
	out := *m
	out.rowLo = append(bytes.Clone(m.lo), prefix)
	out.rowHi = append(bytes.Clone(m.lo), prefix+1)
	return &out
}

// hasRows reports whether some of the model's keys are rows.
func (m *Model) hasRows() bool { return m.rowLo != nil }

// isRow reports whether the full key k lives in the row store.
func (m *Model) isRow(k []byte) bool {
	return m.hasRows() && bytes.Compare(k, m.rowLo) >= 0 && bytes.Compare(k, m.rowHi) < 0
}

// storeOf is the database holding the full key k.
func (m *Model) storeOf(k []byte) *pebble.DB {
	if m.isRow(k) {
		return m.db.rows
	}
	return m.db.db
}

// rowsMark is the key, after a model's position, that holds the identity
// of the row store its rows were written to.
func (m *Model) rowsMark() []byte { return append(bytes.Clone(m.ckpt), 'r') }

// rowsLost reports whether the model's rows are not in this row store:
// the model was built beside another one (deleted, or restored from
// elsewhere), or before it kept rows at all.
func (m *Model) rowsLost() (bool, error) {
	if !m.hasRows() {
		return false, nil
	}
	v, _, err := get(m.db.db, m.rowsMark())
	if err != nil {
		return false, err
	}
	return !bytes.Equal(v, m.db.rowsID), nil
}

// markRows records that the model's rows are in this row store.
func (m *Model) markRows() error {
	if !m.hasRows() {
		return nil
	}
	if err := m.db.db.Set(m.rowsMark(), m.db.rowsID, pebble.NoSync); err != nil {
		return fmt.Errorf("model rows mark: %w", err)
	}
	return nil
}

// rowsIDKey holds the row store's identity, drawn when it is created. It
// sorts before every model's keys.
var rowsIDKey = []byte{0, 'i', 'd'}

// rowStoreID reads the row store's identity, drawing it on first use.
func rowStoreID(rows *pebble.DB) ([]byte, error) {
	v, ok, err := get(rows, rowsIDKey)
	if err != nil || ok {
		return v, err
	}
	v = make([]byte, 16)
	rand.Read(v)
	if err := rows.Set(rowsIDKey, v, pebble.Sync); err != nil {
		return nil, fmt.Errorf("model store rows identity: %w", err)
	}
	return v, nil
}

// segment is one database's part of a key range.
type segment struct {
	r      reader
	lo, hi []byte // hi nil: unbounded
}

// segments splits the full key range [lo, hi) between the model's store
// and its row store, in key order.
func (m *Model) segments(main, rows reader, lo, hi []byte) []segment {
	if !m.hasRows() {
		return []segment{{main, lo, hi}}
	}
	var out []segment
	add := func(r reader, a, b []byte) {
		a, b = maxKey(a, lo), minKey(b, hi)
		if b == nil || bytes.Compare(a, b) < 0 {
			out = append(out, segment{r, a, b})
		}
	}
	add(main, lo, m.rowLo)
	add(rows, m.rowLo, m.rowHi)
	add(main, m.rowHi, hi)
	return out
}

func maxKey(a, b []byte) []byte {
	if bytes.Compare(a, b) >= 0 {
		return a
	}
	return b
}

// minKey is the lesser bound, nil standing for no bound.
func minKey(a, b []byte) []byte {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case bytes.Compare(a, b) <= 0:
		return a
	}
	return b
}
