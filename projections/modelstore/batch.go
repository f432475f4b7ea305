package modelstore

import (
	"encoding/binary"
	"fmt"

	"github.com/cockroachdb/pebble/v2"
)

// Batch is one Apply's writes. Reads through it see its own writes over
// the committed state, so a fold can read what it wrote earlier in the same
// batch.
type Batch struct {
	m *Model
	b *pebble.Batch
	// rb holds the writes of the model's rows, when it has any (rows.go).
	rb *pebble.Batch
	// key is where Set and Delete put the model's prefix before a key:
	// Pebble copies what it is given, so one buffer serves every write.
	key []byte
}

// full is key under the model's prefix, in the batch's buffer.
func (b *Batch) full(key []byte) []byte {
	b.key = append(append(b.key[:0], b.m.lo...), key...)
	return b.key
}

// Begin starts a batch.
func (m *Model) Begin() *Batch {
	b := &Batch{m: m, b: m.db.db.NewIndexedBatch()}
	if m.hasRows() {
		b.rb = m.db.rows.NewIndexedBatch()
	}
	return b
}

// of is the batch writing the full key k.
func (b *Batch) of(k []byte) *pebble.Batch {
	if b.m.isRow(k) {
		return b.rb
	}
	return b.b
}

// Set stores value under key. The batch copies both: the caller may reuse
// them.
func (b *Batch) Set(key, value []byte) error {
	k := b.full(key)
	if err := b.of(k).Set(k, value, nil); err != nil {
		return fmt.Errorf("model store set: %w", err)
	}
	return nil
}

// Delete removes key.
func (b *Batch) Delete(key []byte) error {
	k := b.full(key)
	if err := b.of(k).Delete(k, nil); err != nil {
		return fmt.Errorf("model store delete: %w", err)
	}
	return nil
}

// Get reads key as the batch would leave it.
func (b *Batch) Get(key []byte) ([]byte, bool, error) {
	k := b.m.key(key)
	return get(b.of(k), k)
}

// Scan reads a prefix as the batch would leave it (see Model.Scan).
func (b *Batch) Scan(prefix, from []byte, reverse bool, fn func(key, value []byte) bool) error {
	var rows reader
	if b.rb != nil {
		rows = b.rb
	}
	return b.m.scan(b.b, rows, prefix, from, reverse, fn)
}

// Commit writes the batch and the position it brings the model to, in one
// atomic write, and releases the batch. The model's rows, if any, are
// committed first, durably (rows.go).
func (b *Batch) Commit(position uint64) error {
	var v [8]byte
	binary.BigEndian.PutUint64(v[:], position)
	if b.rb != nil {
		err := b.rb.Commit(pebble.Sync)
		b.rb.Close()
		b.rb = nil
		if err != nil {
			b.b.Close()
			return fmt.Errorf("model store rows at %d: %w", position, err)
		}
	}
	if err := b.b.Set(b.m.ckpt, v[:], nil); err != nil {
		b.b.Close()
		return fmt.Errorf("model store position: %w", err)
	}
	if err := b.b.Commit(pebble.NoSync); err != nil {
		b.b.Close()
		return fmt.Errorf("model store commit at %d: %w", position, err)
	}
	return b.b.Close()
}

// Discard drops the batch unwritten.
func (b *Batch) Discard() {
	if b.rb != nil {
		b.rb.Close()
	}
	b.b.Close()
}
