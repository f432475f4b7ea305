package eventhash

import (
	"crypto/sha256"
	"encoding/hex"
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
	sum := sha256.Sum256([]byte(preHash))
	return "ni:///sha-256;" + hex.EncodeToString(sum[:]) + "?ver=CBV2.0"
}
