// Package command holds one handler per command of the ledger: load the
// aggregates involved, let them decide, append what they raised with the
// expected versions. Every way in (HTTP, the demo, the notifier) calls these
// handlers, so every event enters the log along the same path.
package command
