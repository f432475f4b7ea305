// Package merkle keeps an RFC 6962 / RFC 9162 Merkle tree over the global
// log, so that anyone holding a signed checkpoint (size and root) can check
// that an event is in the log (an inclusion proof) and that the log only
// ever grew (a consistency proof), without trusting the server.
//
// Leaf N-1 is the event at position N; its leaf data is the 32 raw bytes of
// the event's chained hash (domain/event.Chain), so the tree commits to the
// whole record and, through the chain, to every record before it. Only the
// store's global order is used: the tree is the same on every event store
// adapter.
//
// The tree is a projection like every read model (projections/runner), but
// it keeps every perfect subtree's hash, not only the compact range, so a
// proof is a few node reads and never a rebuild. At ten million leaves those
// nodes are 640 MB: far too much for a snapshot rewritten every few seconds.
// So the nodes live in one append-only file per level (level-NN.hashes, 32
// raw bytes a node), and the snapshot holds only the tree size and its
// compact range (a few hundred bytes). Files may run ahead of the snapshot
// after a crash; Restore only trusts the prefix the snapshot covers and
// checks it against the compact range.
package merkle
