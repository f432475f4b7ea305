package merkle

import (
	"crypto/sha256"

	"github.com/transparency-dev/merkle/rfc6962"
)

// Hasher is the RFC 6962 SHA-256 tree hasher: give it to the verifiers of
// github.com/transparency-dev/merkle/proof to check this tree's proofs.
var Hasher = rfc6962.DefaultHasher

// HashSize is the size of every leaf, node and root hash.
const HashSize = sha256.Size

// LeafHash is the tree's leaf for an event: SHA-256(0x00 || hash), where
// hash is the 32 raw bytes of the event's chained hash.
func LeafHash(eventHash [32]byte) [32]byte {
	var b [1 + HashSize]byte
	b[0] = rfc6962.RFC6962LeafHashPrefix
	copy(b[1:], eventHash[:])
	return sha256.Sum256(b[:])
}

// EmptyRoot is the root of the tree with no leaves: SHA-256 of nothing.
func EmptyRoot() [32]byte { return sha256.Sum256(nil) }

// hashChildren is SHA-256(0x01 || left || right), computed on the stack:
// rfc6962.Hasher allocates a hash.Hash per node, which halves the append
// rate of a tree that hashes two nodes a leaf on average.
func hashChildren(left, right []byte) []byte {
	var b [1 + 2*HashSize]byte
	b[0] = rfc6962.RFC6962NodeHashPrefix
	copy(b[1:], left)
	copy(b[1+HashSize:], right)
	sum := sha256.Sum256(b[:])
	return sum[:]
}
