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
// heads read from the streams table), assigns positions, recorded time and
// the hash chain, inserts the accepted rows with multi-row INSERTs, upserts
// the streams rows it moved and commits once. Event ids are not looked up
// first: a fresh append's are new, and the unique index on event_id is the
// check; if an id turns out to be stored (a retry), or a request is refused,
// the transaction is rolled back and the group decided again with the
// group's stored ids looked up, so a retry gets its stored records and a
// clash ErrDuplicateID exactly as before. A request refused
// for its expected version or a duplicate id gets its own error; the others
// of its group still commit. If the transaction fails, every request of the
// group gets the error and the writer reloads its tail from the file. Only a
// committed group is acknowledged, so with synchronous=FULL every
// acknowledged append is on disk; the fsync is shared by the whole group.
// When fewer requests wait than the last group answered, the writer waits
// for them up to a quarter of the last commit's time (queue.take): under
// load those appenders come straight back, and without the wait 64 writers
// split into two groups of 32 and paid two fsyncs for what one carries.
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
// chain with event.Canonical. Each row also links its stream's previous event
// (prev_position) and streams holds each stream's version and last position;
// ReadStream walks those links. Stream versions are kept unique and
// contiguous by the single writer, which checks every expected version
// against the streams table, not by an index. A second process cannot open the ledger for
// writing (flock on path+".lock", lock.go): two writers would fork the chain.
// OpenReadOnly needs no lock, for tools that verify or replay.
//
// # Throughput
//
// SQLite writes each page a transaction dirtied whole into the WAL at commit.
// With an index on (stream, version) and random UUIDv4 ids, every event
// dirtied a leaf of each index at its own place (the stream's tail, a random
// id), some 7.5 KB of WAL per event in the 64-writer benchmark. Time-ordered
// ids (UUIDv7, the command handlers' default) keep the event_id index growing
// at its end, and the streams table replaces the per-event stream index with
// one small row per stream per group, so a group's rows share pages: about
// 2.4 KB of WAL per event. The writer is then bound by its own CPU (about
// half in SQLite's inserts, a third in COMMIT writing and syncing the WAL,
// the rest in deciding and hashing) plus the fsync; per-event work that needs
// nothing from the log (text forms, time normalisation) is done by the
// appenders beforehand. MeasureRawInsert gives the same rows with no store
// around them as the ceiling.
package sqlite
