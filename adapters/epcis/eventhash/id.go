package eventhash

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
)

// ID returns the event hash ID of ev: the SHA-256 of its pre-hash string
// (UTF-8) as a named-information URI, "ni:///sha-256;<lowercase
// hex>?ver=CBV2.0". It is the value EPCIS 2.0 puts in eventID when the
// capturing system derives the id from the event itself.
func ID(ev Event) (string, error) {
	pre, err := PreHash(ev)
	if err != nil {
		return "", err
	}
	return IDOf(pre), nil
}

// IDOf returns the event hash ID of a pre-hash string.
func IDOf(preHash string) string {
	h := sha256.New()
	io.WriteString(h, preHash)
	var sum [sha256.Size]byte
	const prefix, suffix = "ni:///sha-256;", "?ver=CBV2.0"
	id := make([]byte, 0, len(prefix)+2*sha256.Size+len(suffix))
	id = append(id, prefix...)
	id = hex.AppendEncode(id, h.Sum(sum[:0]))
	return string(append(id, suffix...))
}
