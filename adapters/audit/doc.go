// Package audit checks a ledger end to end, as a regulator would: every
// stored event against its own bytes and the hash chain, the Merkle tree
// recomputed from the log against every checkpoint the ledger signed, and,
// offline, a bundle of one item's events against a signed checkpoint with
// nothing but the ledger's verifier key.
//
// It recomputes the tree with transparency-dev's own compact range and RFC
// 6962 hasher rather than the server's tree (projections/merkle), so a
// fault in the server's tree shows up as a mismatch instead of repeating
// itself here.
package audit
