package unitstate

import (
	"encoding/json"
	"fmt"
	"hash/maphash"
)

// serialSeed hashes serials into slots; slots are rebuilt on restore, so a
// seed per process is fine.
var serialSeed = maphash.MakeSeed()

// Serials are a batch's item serials in labelling order, kept without a
// pointer per item: their bytes in one arena, their ends in another, and
// an open-addressing index of item numbers. A million items are then three
// large arrays the garbage collector need not trace, instead of two million
// strings (the trace's p99 latency was dominated by marking them).
type Serials struct {
	bytes []byte
	ends  []uint32
	slots []int32 // item number + 1; 0 is an empty slot; len is a power of two
}

// Len is how many serials there are.
func (t *Serials) Len() int { return len(t.ends) }

// IsZero reports whether there are none (for omitzero).
func (t Serials) IsZero() bool { return len(t.ends) == 0 }

// At returns serial i.
func (t *Serials) At(i int32) string { return string(t.raw(i)) }

func (t *Serials) raw(i int32) []byte {
	var start uint32
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.bytes[start:t.ends[i]]
}

// Find returns the item number of serial s.
func (t *Serials) Find(s string) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(t.slots) - 1)
	for k := maphash.String(serialSeed, s) & mask; ; k = (k + 1) & mask {
		v := t.slots[k]
		if v == 0 {
			return 0, false
		}
		if string(t.raw(v-1)) == s {
			return v - 1, true
		}
	}
}

// Add appends serial s (which must not be present) and returns its number.
func (t *Serials) Add(s string) int32 {
	i := int32(len(t.ends))
	t.bytes = append(t.bytes, s...)
	t.ends = append(t.ends, uint32(len(t.bytes)))
	if 2*len(t.ends) > len(t.slots) {
		t.rehash(max(16, 2*len(t.slots)))
	} else {
		t.place(i)
	}
	return i
}

func (t *Serials) place(i int32) {
	mask := uint64(len(t.slots) - 1)
	k := maphash.Bytes(serialSeed, t.raw(i)) & mask
	for t.slots[k] != 0 {
		k = (k + 1) & mask
	}
	t.slots[k] = i + 1
}

func (t *Serials) rehash(size int) {
	t.slots = make([]int32, size)
	for i := range t.ends {
		t.place(int32(i))
	}
}

// MarshalJSON writes the serials as a JSON array of strings.
func (t Serials) MarshalJSON() ([]byte, error) {
	list := make([]string, len(t.ends))
	for i := range list {
		list[i] = t.At(int32(i))
	}
	return json.Marshal(list)
}

// UnmarshalJSON reads the array back and rebuilds the index.
func (t *Serials) UnmarshalJSON(b []byte) error {
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("serials: %w", err)
	}
	*t = Serials{}
	size := 0
	for _, s := range list {
		size += len(s)
	}
	t.bytes, t.ends = make([]byte, 0, size), make([]uint32, 0, len(list))
	for _, s := range list {
		t.bytes = append(t.bytes, s...)
		t.ends = append(t.ends, uint32(len(t.bytes)))
	}
	n := 16
	for n < 2*len(list) {
		n *= 2
	}
	t.rehash(n)
	return nil
}
