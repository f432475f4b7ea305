package risk

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// serialSet holds serials by their 64-bit FNV-1a hash: about a tenth of the
// memory of the strings, and a collision within one batch (odds about
// n²/2⁶⁵) would only misplace one unit between "sold" and "in stock".
//
// Most of the set is one sorted slice of hashes: 8 bytes a serial, where a
// map takes about 11, and a snapshot decodes into it with one copy instead
// of a map insert a serial (millions at a restart of a large ledger). The
// serials added since the slice was last merged wait in a small map, and
// those taken out of it are marked gone, until either grows past an eighth
// of the slice and the three are merged into a new slice.
type serialSet struct {
	sorted []uint64
	added  map[uint64]struct{}
	gone   map[uint64]struct{}
}

// hashSerial is FNV-1a 64 of the serial's bytes.
func hashSerial(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mergeAt is how many added or gone hashes wait before a merge.
func (s *serialSet) mergeAt() int { return max(16, len(s.sorted)/8) }

// len is the number of serials in the set.
func (s *serialSet) len() int {
	if s == nil {
		return 0
	}
	return len(s.sorted) - len(s.gone) + len(s.added)
}

func (s *serialSet) inSorted(h uint64) bool {
	_, ok := slices.BinarySearch(s.sorted, h)
	return ok
}

func (s *serialSet) add(serial string) {
	h := hashSerial(serial)
	if _, ok := s.gone[h]; ok {
		delete(s.gone, h) // back in the slice
		return
	}
	if s.inSorted(h) {
		return
	}
	if s.added == nil {
		s.added = map[uint64]struct{}{}
	}
	s.added[h] = struct{}{}
	if len(s.added) > s.mergeAt() {
		s.merge()
	}
}

// take removes serial and reports whether it was there; a nil set has none.
func (s *serialSet) take(serial string) bool {
	if s == nil {
		return false
	}
	h := hashSerial(serial)
	if _, ok := s.added[h]; ok {
		delete(s.added, h)
		return true
	}
	if _, ok := s.gone[h]; ok || !s.inSorted(h) {
		return false
	}
	if s.gone == nil {
		s.gone = map[uint64]struct{}{}
	}
	s.gone[h] = struct{}{}
	if len(s.gone) > s.mergeAt() {
		s.merge()
	}
	return true
}

// all is every hash in the set, sorted, in a new slice.
func (s *serialSet) all() []uint64 {
	out := make([]uint64, 0, s.len())
	added := slices.Sorted(maps.Keys(s.added))
	i := 0
	for _, h := range s.sorted {
		if _, ok := s.gone[h]; ok {
			continue
		}
		for ; i < len(added) && added[i] < h; i++ {
			out = append(out, added[i])
		}
		out = append(out, h)
	}
	return append(out, added[i:]...)
}

// merge folds the added and gone hashes into the sorted slice.
func (s *serialSet) merge() {
	s.sorted, s.added, s.gone = s.all(), nil, nil
}

// MarshalJSON writes the hashes sorted, as 8 little-endian bytes each in
// one base64 string: equal sets give equal bytes, and a million serials
// encode in milliseconds. It leaves the set as it is: a snapshot is
// written under a read lock.
func (s *serialSet) MarshalJSON() ([]byte, error) {
	hs := s.all()
	raw := make([]byte, 0, 8*len(hs))
	for _, h := range hs {
		raw = binary.LittleEndian.AppendUint64(raw, h)
	}
	return json.Marshal(raw)
}

// UnmarshalJSON reads what MarshalJSON wrote. Hashes out of order or
// written twice are sorted and kept once, so a lookup finds them.
func (s *serialSet) UnmarshalJSON(b []byte) error {
	var raw []byte
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if len(raw)%8 != 0 {
		return fmt.Errorf("sold serials: %d bytes is not a whole number of hashes", len(raw))
	}
	hs := make([]uint64, len(raw)/8)
	for i := range hs {
		hs[i] = binary.LittleEndian.Uint64(raw[8*i:])
	}
	if !slices.IsSorted(hs) {
		slices.Sort(hs)
	}
	*s = serialSet{sorted: slices.Compact(hs)}
	return nil
}
