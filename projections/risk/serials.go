package risk

import (
	"encoding/json"
	"slices"
)

// serialSet holds serials by their 64-bit FNV-1a hash: about a tenth of the
// memory of the strings, and a collision within one batch (odds about
// n²/2⁶⁵) would only misplace one unit between "sold" and "in stock".
type serialSet map[uint64]struct{}

// hashSerial is FNV-1a 64 of the serial's bytes.
func hashSerial(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func (s serialSet) add(serial string) { s[hashSerial(serial)] = struct{}{} }

// take removes serial and reports whether it was there.
func (s serialSet) take(serial string) bool {
	h := hashSerial(serial)
	if _, ok := s[h]; !ok {
		return false
	}
	delete(s, h)
	return true
}

// MarshalJSON writes the hashes sorted, so equal sets give equal bytes.
func (s serialSet) MarshalJSON() ([]byte, error) {
	hs := make([]uint64, 0, len(s))
	for h := range s {
		hs = append(hs, h)
	}
	slices.Sort(hs)
	return json.Marshal(hs)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (s *serialSet) UnmarshalJSON(b []byte) error {
	var hs []uint64
	if err := json.Unmarshal(b, &hs); err != nil {
		return err
	}
	*s = make(serialSet, len(hs))
	for _, h := range hs {
		(*s)[h] = struct{}{}
	}
	return nil
}
