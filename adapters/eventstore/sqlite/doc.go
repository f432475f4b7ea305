// Package sqlite is the embedded event store: one SQLite file (modernc.org/sqlite,
// pure Go) in WAL mode, written by a single group-committing writer and read
// through a pool of read-only connections. It implements event.Store and runs
// the shared contract suite in adapters/eventstore/storetest.
//
// # Writing
//
// One goroutine owns the only write connection (writer.go). Append validates,
// copies its input and queues a request; the writer takes every request
// already waiting, decides each in order against the log as the requests
// before it left it (expected versions from an in-memory cache of stream
// versions, event ids looked up in the unique index with one query per
// group), assigns positions, recorded time and the hash chain, inserts the
// accepted rows with multi-row INSERTs and commits once. A request refused
// for its expected version or a duplicate id gets its own error; the others
// of its group still commit. If the transaction fails, every request of the
// group gets the error and the writer reloads its tail from the file. Only a
// committed group is acknowledged, so with synchronous=FULL every
// acknowledged append is on disk; the fsync is shared by the whole group.
//
// # Reading and subscribing
//
// Reads run on read-only connections that see a committed snapshot beside the
// writer. After each commit the writer publishes the new head by closing a
// channel (subscribe.go); a subscriber that has read up to position p takes
// the current channel and head together, and either reads on (head > p) or
// waits for that channel, so a commit between its last read and its wait
// cannot be missed. Commits are contiguous runs of positions, so reading
// "position > p" never skips one.
//
// # The file
//
// The events table (schema.go) is plain: a regulator can open it with the
// sqlite3 CLI, read each event's JSON data as text and recompute the hash
// chain with event.Canonical. A second process cannot open the ledger for
// writing (flock on path+".lock", lock.go): two writers would fork the chain.
// OpenReadOnly needs no lock, for tools that verify or replay.
//
// # Throughput
//
// Each event dirties about three B-tree pages (the table, the event_id index
// at a random place for random UUIDs, the (stream, version) index at its
// stream's tail), and SQLite writes each dirty page whole into the WAL at
// commit: some 11 KB of WAL per event in groups of ~30. That, not hashing or
// the queue, bounds the rate; MeasureRawInsert gives the same rows with no
// store around them as the ceiling. Time-ordered ids (UUIDv7) keep the
// event_id index appending at its end and about double the raw rate.
package sqlite
