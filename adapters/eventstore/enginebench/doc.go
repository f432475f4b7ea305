// Package enginebench compares storage engines for the event log on the same
// records, in one run: durable appends by many concurrent writers and a full
// replay. It backs `traceledger bench --only engines`; nothing on the request
// path uses it.
//
// Every candidate sits behind the same front end (frontend.go), so the engine
// is the only thing that differs: one committer goroutine takes every append
// waiting, checks each expected version, numbers the events, stamps the
// recorded time and computes the hash chain with event.Chain exactly as the
// store does, then hands the group to the engine, which must write it and
// make it durable (one fsync per group) before any of the group's appenders
// is answered. Event ids must stay unique: each engine enforces that its own
// way (a unique index, a lookup before the write, an in-memory set). Replay
// reads every record in position order and decodes it into event.Record (id,
// times and hash parsed), on as many goroutines as the engine can use.
//
// The candidates:
//
//   - sqlite-modernc: modernc.org/sqlite (pure Go, today's store's driver)
//     through database/sql, today's schema and pragmas, 64-row INSERTs;
//   - sqlite-mattn: github.com/mattn/go-sqlite3 (cgo), same schema and SQL
//     through database/sql;
//   - sqlite-ncruces: github.com/ncruces/go-sqlite3 (SQLite compiled to Wasm
//     and translated to Go), same schema and SQL through its own API (its
//     database/sql driver registers the name "sqlite3", as mattn's does);
//   - pebble: github.com/cockroachdb/pebble/v2, one key per event (the
//     position), one per event id and one per stream head, each group one
//     synced batch;
//   - segment: a log of our own (segment.go): append-only JSON-lines segment
//     files, each line framed by a CRC-32C, one write and one fdatasync per
//     group, a sparse position index in memory; `head`, `tail` and `jq` read
//     it as it is.
package enginebench
