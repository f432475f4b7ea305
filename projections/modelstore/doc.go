// Package modelstore keeps the large read models on disk: one Pebble
// database (an LSM made for many small keys written in batches) shared by
// every model that outgrows memory, each in its own key range. A model
// writes one batch per Apply and commits the position the batch reaches in
// that same batch, so its state and its checkpoint are one atomic write:
// after a crash the model is back at a position it had reached, with
// exactly the state of that position, and the runner resumes after it.
//
// Commits are not written to a write-ahead log and do not wait for an
// fsync: the ledger's log is the durable record and a model is derived from
// it, so losing the batches since the last memtable flush only moves the
// model's position back (the runner applies them again). Sync flushes
// everything committed, for a clean shutdown; a reset and a layout mark
// are flushed at once.
//
// Keys a model writes in ascending order and never rewrites (its rows:
// rendered events by log position) can live in a second database beside
// the first, whose flushed tables never overlap and so are never compacted
// (rows.go); the model reads both as one key space.
//
// Memory is bounded by the block cache and the memtables, whatever the
// size of the models; keys are ordered, so a model lays out what one query
// reads under one prefix and reads it with one range scan.
package modelstore
