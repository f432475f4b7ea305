// Package kurrentdb is the event store on a KurrentDB (EventStoreDB) cluster,
// for when one machine is not enough. It implements event.Store and runs the
// shared contract suite in adapters/eventstore/storetest whenever
// TRACELEDGER_KURRENTDB_URL names a server.
//
// # One KurrentDB stream is the ledger
//
// The ledger promises what KurrentDB alone does not: an append of several
// streams is atomic, positions count the whole log from 1 with no gap, and
// every record's hash chains to the one before it. KurrentDB's $all
// positions have gaps and cover other streams, and client v4.2.0 has no
// multi-stream append (the protocol v2 MultiStreamAppend of KurrentDB 25 is
// not in it). So the whole ledger is one KurrentDB stream, the log (default
// "traceledger-log"): ledger position p is the log's revision p-1, and one
// append of any number of ledger streams is one KurrentDB append to the log,
// atomic by KurrentDB's own guarantee. Each KurrentDB event carries the
// ledger's stream, version, position, hash and metadata in its metadata
// (codec.go); the data is the ledger event's JSON, byte for byte.
//
// # Writing: one writer per process, optimistic across processes
//
// Each process folds the log into a small in-memory index (index.go):
// stream versions, which positions each stream holds, where each event id
// is, the head and its hash. Append, under one mutex, decides against the
// index (idempotency, expected versions), assigns positions, recorded time
// and hashes, and appends to the log with expected revision head-1. If
// another process (a second replica) wrote first, KurrentDB refuses with
// WrongExpectedVersion; the writer reads what it missed into the index and
// decides again, so two replicas never give out one position twice and the
// hash chain has one order. The KurrentDB event id of a record is derived
// from its hash (UUIDv5), not the ledger event id: KurrentDB's own
// de-duplication then only ever skips a byte-identical record, never a
// different record that happens to reuse an id at the same revision (the
// ledger id lives in the metadata; the index does the ledger's idempotency).
//
// # Reading
//
// ReadAll reads the log from revision `after`; ReadStream looks the stream's
// positions up in the index (after catching it up) and reads them from the
// log; Subscribe is a catch-up subscription to the log stream that resumes
// from its last position after a drop. The log holds only ledger events, so
// there are no system events to filter; any `$` event type is skipped anyway.
package kurrentdb
