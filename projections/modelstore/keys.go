package modelstore

import "encoding/binary"

// Key joins parts with a zero byte between them, so Key("a", "b") and
// Key("ab") differ and every key Key(x, ...) starts with the prefix
// Key(x, ""): the layout a model scans by.
func Key(parts ...string) []byte {
	n := len(parts)
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			out = append(out, 0)
		}
		out = append(out, p...)
	}
	return out
}

// AppendUint64 appends v big-endian, so keys ending in positions sort in
// log order.
func AppendUint64(b []byte, v uint64) []byte { return binary.BigEndian.AppendUint64(b, v) }

// Uint64 reads a big-endian uint64 from the first 8 bytes of b.
func Uint64(b []byte) uint64 { return binary.BigEndian.Uint64(b) }
