// Package notary signs the ledger's Merkle tree heads and keeps them.
//
// A checkpoint is the C2SP tlog-checkpoint text (origin line, tree size,
// base64 root hash) signed as a note (golang.org/x/mod/sumdb/note) with the
// ledger's Ed25519 key. Anyone holding the verifier key can then check, with
// any implementation of signed notes and any RFC 6962 verifier, that an
// event is in the log and that the log only ever grew.
//
// The signer key lives in the data directory (ledger.key, 0600) or where
// the configuration says; its name is the checkpoints' origin, so a
// checkpoint names the one key that may sign it. Every checkpoint is kept,
// one JSON line each, in checkpoints/checkpoints.jsonl: a later rewrite of
// the log must then be consistent with every head ever published, which
// `traceledger verify` checks.
package notary
