package modelstore

import (
	"encoding/binary"
	"fmt"
	"math"
)

// A count is a uint32 a model keeps under one key as a uvarint: how many
// of something it has numbered, read back when the model opens so the next
// number follows the last one given.

// Getter reads one key, as a Model or a Batch does.
type Getter interface {
	Get(key []byte) ([]byte, bool, error)
}

// ReadCount reads the count stored under key: 0 when there is none.
func ReadCount(g Getter, key []byte) (uint32, error) {
	v, ok, err := g.Get(key)
	if err != nil || !ok {
		return 0, err
	}
	n, size := binary.Uvarint(v)
	if size != len(v) || n > math.MaxUint32 {
		return 0, fmt.Errorf("model store: the count under %q is not one (%d bytes)", key, len(v))
	}
	return uint32(n), nil
}

// EncodeCount is the value ReadCount reads back as n.
func EncodeCount(n uint32) []byte { return binary.AppendUvarint(nil, uint64(n)) }
