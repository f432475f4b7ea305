package history

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/traceledger/traceledger/projections/modelstore"
)

// table is one Apply's view of the records of one kind (batches, products,
// declarations…): a record is read from the store once per Apply, changed
// in place by the fold, and written back at the end of the Apply when it
// changed, so a batch of events touching one batch decodes and encodes its
// record once.
type table[T any] struct {
	kind string
	rows map[string]*row[T]
}

// row is a record as read (raw: its stored JSON, nil when absent) and as
// the fold leaves it (v, nil when absent or deleted).
type row[T any] struct {
	v   *T
	raw []byte
}

func newTable[T any](kind string) table[T] { return table[T]{kind: kind, rows: map[string]*row[T]{}} }

func (t *table[T]) key(id string) []byte { return modelstore.Key(t.kind, id) }

// get returns the record id, or nil.
func (t *table[T]) get(b getter, id string) (*T, error) {
	if r, ok := t.rows[id]; ok {
		return r.v, nil
	}
	v, err := readRecord[T](b, t.key(id))
	if err != nil {
		return nil, err
	}
	r := &row[T]{v: v}
	if v != nil {
		r.raw, _ = json.Marshal(v)
	}
	t.rows[id] = r
	return v, nil
}

// put stores v as the record id (nil deletes it).
func (t *table[T]) put(id string, v *T) {
	if r, ok := t.rows[id]; ok {
		r.v = v
		return
	}
	// Never read: written whatever was stored.
	t.rows[id] = &row[T]{v: v, raw: []byte("?")}
}

// flush writes the records the Apply changed.
func (t *table[T]) flush(b *modelstore.Batch) error {
	for id, r := range t.rows {
		if r.v == nil {
			if r.raw != nil {
				if err := b.Delete(t.key(id)); err != nil {
					return err
				}
			}
			continue
		}
		v, err := json.Marshal(r.v)
		if err != nil {
			return fmt.Errorf("encode %s %q: %w", t.kind, id, err)
		}
		if !bytes.Equal(v, r.raw) {
			if err := b.Set(t.key(id), v); err != nil {
				return err
			}
		}
	}
	return nil
}

// getter is what records are read from: the committed model or a batch.
type getter interface {
	Get(key []byte) ([]byte, bool, error)
}

// readRecord reads the record stored under key, or nil.
func readRecord[T any](g getter, key []byte) (*T, error) {
	raw, ok, err := g.Get(key)
	if err != nil || !ok {
		return nil, err
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, fmt.Errorf("decode %q: %w", key, err)
	}
	return v, nil
}
