package risk

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
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

// MarshalJSON writes the hashes sorted, as 8 little-endian bytes each in
// one base64 string: equal sets give equal bytes, and a million serials
// encode in milliseconds.
func (s serialSet) MarshalJSON() ([]byte, error) {
	hs := make([]uint64, 0, len(s))
	for h := range s {
		hs = append(hs, h)
	}
	slices.Sort(hs)
	raw := make([]byte, 0, 8*len(hs))
	for _, h := range hs {
		raw = binary.LittleEndian.AppendUint64(raw, h)
	}
	return json.Marshal(raw)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (s *serialSet) UnmarshalJSON(b []byte) error {
	var raw []byte
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if len(raw)%8 != 0 {
		return fmt.Errorf("sold serials: %d bytes is not a whole number of hashes", len(raw))
	}
	*s = make(serialSet, len(raw)/8)
	for i := 0; i < len(raw); i += 8 {
		(*s)[binary.LittleEndian.Uint64(raw[i:])] = struct{}{}
	}
	return nil
}
